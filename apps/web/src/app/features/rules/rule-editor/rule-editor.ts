import { DatePipe, formatDate } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  LOCALE_ID,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import {
  AbstractControl,
  FormBuilder,
  ReactiveFormsModule,
  ValidationErrors,
  Validators,
} from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { RuleDetailDto, Roles, Severity } from '@dqw/shared-types';
import type { InMemoryData } from '@dqw/rule-engine';
import { map } from 'rxjs';
import { AuthStore } from '../../../core/auth/auth-store';
import { ApiProblem, toProblem } from '../../../core/http/api-problem';
import { ServerErrors } from '../../../shared/forms/server-errors';
import { ConfirmDialog } from '../../../shared/ui/confirm-dialog/confirm-dialog';
import { checkedColumns } from '../../../shared/ui/dsl-code/dsl-tokens';
import { Icon } from '../../../shared/ui/icon/icon';
import { RunLive } from '../../runs/run-live';
import { RunStatusBadge } from '../../runs/run-status-badge/run-status-badge';
import { formatPassRate, triggerLabel } from '../../runs/run-labels';
import { DslEditor, EditorProblem, positionsFrom } from '../dsl-editor/dsl-editor';
import { CheckContext, PreviewOutcome, RuleCheck, checkRule, listSchemaOf, previewRule } from '../rule-check';
import { RuleEditorStore } from '../rule-editor-store';
import { RuleHistory } from '../rule-history/rule-history';
import { SEVERITY_OPTIONS, dslName, ruleTemplates } from '../rule-labels';
import { PreviewView, RulePreview } from '../rule-preview/rule-preview';
import { ScheduleCheck, checkSchedule } from '../schedule';
import { Skeleton } from '../../../shared/ui/skeleton/skeleton';

/** Typing pauses this long before the rule is checked and previewed again. */
export const CHECK_DEBOUNCE_MS = 200;
const SCHEDULE_DEBOUNCE_MS = 300;

type Field = 'datasetId' | 'name' | 'description' | 'severity' | 'active' | 'schedule';
const FIELDS: readonly Field[] = ['datasetId', 'name', 'description', 'severity', 'active', 'schedule'];

const notBlank = (control: AbstractControl<string>): ValidationErrors | null =>
  control.value && !control.value.trim() ? { blank: true } : null;

@Component({
  selector: 'dqw-rule-editor',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    RouterLink,
    DatePipe,
    Icon,
    ConfirmDialog,
    DslEditor,
    RulePreview,
    RuleHistory,
    RunStatusBadge,
    Skeleton,
  ],
  providers: [RuleEditorStore],
  templateUrl: './rule-editor.html',
  styleUrl: './rule-editor.scss',
})
export class RuleEditor {
  /** `:id` of an existing rule; absent on /rules/new. */
  readonly id = input<string | undefined>(undefined);
  /** `?datasetId=` preselects the dataset of a new rule. */
  readonly datasetId = input<string | undefined>(undefined);

  protected readonly store = inject(RuleEditorStore);
  protected readonly live = inject(RunLive);
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly locale = inject(LOCALE_ID);
  private readonly editor = viewChild(DslEditor);

  protected readonly canEdit = computed(() => this.auth.hasRole(Roles.Admin, Roles.DataEngineer));
  protected readonly currentUserId = computed(() => this.auth.user()?.id ?? null);
  protected readonly severities = SEVERITY_OPTIONS;
  protected readonly passRate = formatPassRate;
  protected readonly trigger = triggerLabel;
  protected readonly dslName = dslName;

  protected readonly form = inject(FormBuilder).nonNullable.group({
    datasetId: ['', [Validators.required]],
    name: ['', [Validators.required, Validators.maxLength(200), notBlank]],
    description: ['', [Validators.maxLength(2000)]],
    severity: ['MEDIUM' as Severity],
    active: [true],
    schedule: ['', [Validators.maxLength(100)]],
  });
  protected readonly server = new ServerErrors<Field>(this.form.controls);
  private readonly formValue = toSignal(this.form.valueChanges.pipe(map(() => this.form.getRawValue())), {
    initialValue: this.form.getRawValue(),
  });

  /** The rule text as typed. */
  protected readonly dsl = signal('');
  /** The last finished check and the text it checked (null before the first). */
  private readonly checked = signal<{ dsl: string; result: RuleCheck } | null>(null);
  protected readonly check = computed(() => this.checked()?.result ?? null);
  protected readonly checking = signal(false);
  protected readonly previewView = signal<PreviewView>({ kind: 'message', text: '' });
  /** Problems the server found in the text it was sent, shown until the text changes. */
  private readonly serverProblems = signal<{ dsl: string; problems: EditorProblem[] } | null>(null);
  protected readonly submitted = signal(false);
  protected readonly confirmingDelete = signal(false);
  protected readonly scheduleInfo = signal<ScheduleCheck | null>(null);
  /** Set when the page itself navigates away after saving or deleting. */
  private leaving = false;

  protected readonly isNew = computed(() => !this.id());
  /** "Fri 27 Nov, 06:00 · Sat 28 Nov, 06:00 · …" in the user's time zone. */
  protected readonly nextRuns = computed(() =>
    (this.scheduleInfo()?.next ?? [])
      .map((at) => formatDate(at, 'EEE d MMM, HH:mm', this.locale))
      .join(' · '),
  );
  protected readonly problems = computed<readonly EditorProblem[]>(() => {
    const dsl = this.dsl();
    const fromServer = this.serverProblems();
    if (fromServer && fromServer.dsl === dsl) return fromServer.problems;
    if (!dsl.trim() && !this.submitted()) return [];
    // While a new check is pending the previous marks stay, unless they were about an empty text.
    const last = this.checked();
    return last && (last.dsl === dsl || last.dsl.trim()) ? last.result.errors : [];
  });
  protected readonly checkedColumns = computed(() =>
    checkedColumns(
      this.dsl(),
      (this.store.sample()?.columns ?? []).map((c) => c.name),
    ),
  );
  /** The rule's dataset when it is not among the listed ones (more than 200 datasets). */
  protected readonly unlistedDataset = computed(() => {
    const d = this.store.dataset();
    return d && !this.store.datasets().some((x) => x.id === d.id) ? d : null;
  });
  protected readonly templates = computed(() => ruleTemplates(this.store.dataset()?.columns ?? []));
  /** Changes not saved yet (compared with the stored rule; everything counts on a new rule). */
  protected readonly dirty = computed(() => {
    const rule = this.store.rule();
    const v = this.formValue();
    if (!rule) return this.dsl().trim() !== '' || v.name.trim() !== '';
    // Compared as they are sent (trimmed), so a saved rule is not "changed" by surrounding spaces.
    return (
      rule.dsl !== this.dsl() ||
      rule.name !== v.name.trim() ||
      (rule.description ?? '') !== v.description.trim() ||
      rule.severity !== v.severity ||
      rule.active !== v.active ||
      (rule.schedule ?? '') !== v.schedule.trim()
    );
  });

  private readonly checkContext = computed<CheckContext>(() => {
    const dataset = this.store.dataset();
    if (!dataset) return { schema: null };
    if (!dataset.currentVersionId) return { schema: null, noDataName: dataset.name };
    if (!this.store.allDatasetsKnown()) return { schema: this.store.schema() };
    const byName = new Map(this.store.datasets().map((d) => [d.name.toLowerCase(), d]));
    return {
      schema: this.store.schema(),
      resolveSchema: (name) => {
        const target = byName.get(name.trim().toLowerCase());
        return target ? listSchemaOf(target) : undefined;
      },
    };
  });

  constructor() {
    const destroyRef = inject(DestroyRef);
    // Load the rule (or the dataset of a new one) whenever the route's inputs change.
    effect(() => {
      const id = this.id() ?? null;
      const datasetId = this.datasetId() ?? null;
      untracked(() => void this.start(id, datasetId));
    });
    this.form.controls.datasetId.valueChanges.pipe(takeUntilDestroyed(destroyRef)).subscribe((id) => {
      if (!this.store.rule() && id !== (this.store.dataset()?.id ?? ''))
        void this.store.selectDataset(id || null);
    });

    // Live validation and preview, a moment after typing stops.
    effect((onCleanup) => {
      const dsl = this.dsl();
      const ctx = this.checkContext();
      const sample = this.store.sample();
      const foreign = this.store.foreign();
      const busy = { loading: this.store.sampleLoading(), sampleError: this.store.sampleError() };
      untracked(() => this.checking.set(true));
      const timer = setTimeout(() => this.runCheck(dsl, ctx, sample, foreign, busy), CHECK_DEBOUNCE_MS);
      onCleanup(() => clearTimeout(timer));
    });

    // The schedule: checked with the API's own cron library, which loads on first use.
    const schedule = toSignal(this.form.controls.schedule.valueChanges, { initialValue: '' });
    effect((onCleanup) => {
      const text = schedule().trim();
      if (!text) {
        untracked(() => this.scheduleInfo.set(null));
        return;
      }
      let current = true;
      const timer = setTimeout(() => {
        void checkSchedule(text, new Date()).then((info) => {
          if (current) this.scheduleInfo.set(info);
        });
      }, SCHEDULE_DEBOUNCE_MS);
      onCleanup(() => {
        current = false;
        clearTimeout(timer);
      });
    });
  }

  /** The first problem of a field: the server's, the form's own check, or the schedule check. */
  protected errorFor(field: Field): string | null {
    const fromServer = this.server.field(field);
    if (fromServer) return fromServer;
    if (field === 'schedule' && this.form.controls.schedule.value.trim()) {
      const problem = this.scheduleInfo()?.problem;
      if (problem) return problem;
    }
    const control = this.form.controls[field];
    if (!control.invalid || !(control.touched || this.submitted())) return null;
    switch (field) {
      case 'datasetId':
        return 'Choose the dataset this rule checks.';
      case 'name':
        return control.hasError('maxlength') ? 'Use at most 200 characters.' : 'Give the rule a name.';
      case 'description':
        return 'Use at most 2000 characters.';
      case 'schedule':
        return 'Use at most 100 characters.';
      default:
        return 'Check this value.';
    }
  }

  protected useText(dsl: string): void {
    this.dsl.set(dsl);
    this.editor()?.focus();
  }

  protected insertColumn(name: string): void {
    this.editor()?.insert(dslName(name));
  }

  protected async save(): Promise<void> {
    this.submitted.set(true);
    this.server.clear();
    this.serverProblems.set(null);
    if (this.form.invalid || this.errorFor('schedule')) {
      this.form.markAllAsTouched();
      return;
    }
    // Check the text as it is now, without waiting for the debounce.
    const dsl = this.dsl();
    const check = checkRule(dsl, this.checkContext());
    this.checked.set({ dsl, result: check });
    if (check.errors.length) {
      this.editor()?.select(check.errors[0]);
      return;
    }
    const v = this.form.getRawValue();
    try {
      const rule = await this.store.save({
        datasetId: v.datasetId,
        name: v.name.trim(),
        description: v.description.trim() || null,
        dsl,
        severity: v.severity,
        active: v.active,
        schedule: v.schedule.trim() || null,
      });
      if (this.isNew()) {
        this.leaving = true;
        await this.router.navigate(['/rules', rule.id], { replaceUrl: true });
      } else this.fill(rule);
    } catch (error) {
      const problem = error instanceof ApiProblem ? error : toProblem(error);
      this.server.set(problem, FIELDS);
      // A refused rule text: show the server's problems at their positions in the text.
      if (problem.kind === 'validation' && Object.keys(problem.fieldErrors).length === 0) {
        let problems = positionsFrom((problem as unknown as { details?: unknown }).details);
        if (!problems.length) {
          // Without positions in the answer, ask for them (validate checks exactly as saving does).
          const result = await this.store.serverCheck(dsl, v.datasetId);
          problems = result && !result.valid ? result.errors : [];
        }
        if (problems.length) {
          this.serverProblems.set({ dsl, problems });
          this.editor()?.select(problems[0]);
        }
      }
    }
  }

  /** Asked by the router before leaving: unsaved edits are confirmed first. */
  canLeave(): boolean {
    if (this.leaving || !this.canEdit() || !this.dirty() || this.store.saving()) return true;
    return window.confirm('Leave this rule without saving your changes?');
  }

  protected async remove(): Promise<void> {
    if (await this.store.remove()) {
      this.leaving = true;
      await this.router.navigate(['/rules']);
    }
    this.confirmingDelete.set(false);
  }

  private async start(id: string | null, datasetId: string | null): Promise<void> {
    if (!this.canEdit()) this.form.disable({ emitEvent: false });
    if (datasetId && !id) this.form.controls.datasetId.setValue(datasetId, { emitEvent: false });
    const rule = await this.store.init(id, datasetId);
    if (rule) this.fill(rule);
  }

  private fill(rule: RuleDetailDto): void {
    this.form.setValue(
      {
        datasetId: rule.datasetId,
        name: rule.name,
        description: rule.description ?? '',
        severity: rule.severity,
        active: rule.active,
        schedule: rule.schedule ?? '',
      },
      { emitEvent: true },
    );
    this.form.controls.datasetId.disable({ emitEvent: false }); // a rule's dataset can't change
    this.dsl.set(rule.dsl);
    this.submitted.set(false);
  }

  private runCheck(
    dsl: string,
    ctx: CheckContext,
    sample: ReturnType<RuleEditorStore['sample']>,
    foreign: ReturnType<RuleEditorStore['foreign']>,
    busy: { loading: boolean; sampleError: string | null },
  ): void {
    const check = checkRule(dsl, ctx);
    this.checked.set({ dsl, result: check });
    this.checking.set(false);
    this.previewView.set(this.previewFor(dsl, check, sample, foreign, busy));
  }

  private previewFor(
    dsl: string,
    check: RuleCheck,
    sample: ReturnType<RuleEditorStore['sample']>,
    foreign: ReturnType<RuleEditorStore['foreign']>,
    busy: { loading: boolean; sampleError: string | null },
  ): PreviewView {
    const dataset = this.store.dataset();
    if (!dataset) {
      return this.store.datasetError()
        ? { kind: 'message', text: `The dataset could not be loaded: ${this.store.datasetError()}` }
        : { kind: 'message', text: 'Choose a dataset to preview the rule on its rows.' };
    }
    if (!dataset.currentVersionId) {
      return {
        kind: 'message',
        text: `${dataset.name} has no data yet: upload a version to preview rules on it.`,
      };
    }
    if (busy.sampleError) return { kind: 'message', text: busy.sampleError };
    if (busy.loading || !sample) return { kind: 'message', text: 'Loading sample rows…', busy: true };
    if (!dsl.trim()) return { kind: 'message', text: 'Write a rule to see which sample rows would fail it.' };
    if (check.errors.length || !check.ast) {
      return { kind: 'message', text: 'Fix the problems in the rule to see the preview.' };
    }
    const schema = this.store.schema();
    if (!schema) return { kind: 'message', text: 'Loading the dataset…', busy: true };
    const notes: string[] = [];
    let resolveRows: ((name: string) => InMemoryData | undefined) | undefined;
    if (check.ast.type === 'FOREIGN_KEY') {
      const refName = check.ast.refDataset;
      const key = refName.trim().toLowerCase();
      const rows = foreign.get(key);
      if (!rows || rows.status === 'loading') {
        if (!rows) void this.store.ensureForeign(refName);
        return { kind: 'message', text: `Loading the rows of ${refName} to look values up…`, busy: true };
      }
      if (rows.status === 'missing') {
        return {
          kind: 'message',
          text: `No dataset named ${refName} is listed, so values can't be looked up here.`,
        };
      }
      if (rows.status === 'error') {
        return { kind: 'message', text: `The rows of ${refName} could not be read: ${rows.message}` };
      }
      resolveRows = (name) => (name.trim().toLowerCase() === key ? rows.data : undefined);
      if (rows.truncated) notes.push(`Values were looked up in the first 1,000 rows of ${rows.name} only.`);
    }
    let outcome: PreviewOutcome;
    try {
      outcome = previewRule(check.ast, { schema, rows: sample.rows }, { now: new Date(), resolveRows });
    } catch (e) {
      return { kind: 'message', text: `The preview failed: ${e instanceof Error ? e.message : String(e)}` };
    }
    if (outcome.datasetLevel) {
      notes.push(
        check.ast.type === 'ROW_COUNT'
          ? 'ROW_COUNT counts only these sample rows here.'
          : 'FRESHNESS looks only at these sample rows here.',
      );
    }
    return { kind: 'result', outcome, notes };
  }
}
