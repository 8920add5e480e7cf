import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  CreateRuleRequest,
  DatasetDetailDto,
  DatasetDto,
  RuleDetailDto,
  RuleVersionDto,
  RunDetailDto,
  UpdateRuleRequest,
  ValidateRuleResponse,
} from '@dqw/shared-types';
import { firstValueFrom } from 'rxjs';
import { toProblem } from '../../core/http/api-problem';
import { ToastService } from '../../core/notify/toast-service';
import { POLL_MS } from '../runs/run-detail-store';
import { isActive, isStaleRun } from '../runs/run-labels';
import { RunLive } from '../runs/run-live';
import { RunsApi } from '../runs/runs-api';
import type { InMemoryData } from '@dqw/rule-engine';
import { schemaOf } from './rule-check';
import { DatasetSample, MAX_SAMPLE_ROWS, RulesApi } from './rules-api';

/** Rows of a dataset a FOREIGN_KEY names, for the preview. */
export type ForeignRows =
  | { status: 'loading' }
  | { status: 'missing' }
  | { status: 'error'; message: string }
  | { status: 'ready'; data: InMemoryData; name: string; truncated: boolean };

interface EditorState {
  rule: RuleDetailDto | null;
  loading: boolean;
  loadError: string | null;
  datasets: DatasetDto[];
  datasetsTotal: number;
  datasetsLoaded: boolean;
  dataset: DatasetDetailDto | null;
  datasetError: string | null;
  sample: DatasetSample | null;
  sampleLoading: boolean;
  sampleError: string | null;
  foreign: ReadonlyMap<string, ForeignRows>;
  versions: RuleVersionDto[];
  runs: RunDetailDto[];
  saving: boolean;
  starting: boolean;
  deleting: boolean;
}

/** Runs shown in the editor's "Recent runs". */
const RECENT_RUNS = 5;

/** The rule editor's data: the rule, its dataset with sample rows, history and recent runs. */
@Injectable()
export class RuleEditorStore {
  private readonly api = inject(RulesApi);
  private readonly runsApi = inject(RunsApi);
  private readonly live = inject(RunLive);
  private readonly toasts = inject(ToastService);
  private readonly state = signal<EditorState>({
    rule: null,
    loading: false,
    loadError: null,
    datasets: [],
    datasetsTotal: 0,
    datasetsLoaded: false,
    dataset: null,
    datasetError: null,
    sample: null,
    sampleLoading: false,
    sampleError: null,
    foreign: new Map(),
    versions: [],
    runs: [],
    saving: false,
    starting: false,
    deleting: false,
  });
  private datasetSeq = 0;

  readonly rule = computed(() => this.state().rule);
  readonly loading = computed(() => this.state().loading);
  readonly loadError = computed(() => this.state().loadError);
  readonly datasets = computed(() => this.state().datasets);
  /**
   * Every dataset is known by name (listed, and no more than the list holds), so the editor can check a
   * FOREIGN_KEY's target itself; otherwise the target is left to the server.
   */
  readonly allDatasetsKnown = computed(
    () => this.state().datasetsLoaded && this.state().datasetsTotal <= this.state().datasets.length,
  );
  readonly dataset = computed(() => this.state().dataset);
  readonly datasetError = computed(() => this.state().datasetError);
  readonly schema = computed(() => {
    const dataset = this.state().dataset;
    return dataset?.currentVersionId ? schemaOf(dataset) : null;
  });
  readonly sample = computed(() => this.state().sample);
  readonly sampleLoading = computed(() => this.state().sampleLoading);
  readonly sampleError = computed(() => this.state().sampleError);
  readonly foreign = computed(() => this.state().foreign);
  readonly versions = computed(() => this.state().versions);
  readonly runs = computed(() => this.state().runs);
  readonly saving = computed(() => this.state().saving);
  readonly starting = computed(() => this.state().starting);
  readonly deleting = computed(() => this.state().deleting);

  constructor() {
    const destroyRef = inject(DestroyRef);
    this.live.updates.pipe(takeUntilDestroyed(destroyRef)).subscribe((run) => this.runChanged(run));
    this.live.reconnected.pipe(takeUntilDestroyed(destroyRef)).subscribe(() => void this.loadRuns());
    const timer = setInterval(() => {
      if (!this.live.connected() && this.state().runs.some(isActive)) void this.loadRuns();
    }, POLL_MS);
    destroyRef.onDestroy(() => clearInterval(timer));
  }

  /** A new rule (optionally for a dataset) or an existing one by id. */
  async init(ruleId: string | null, datasetId: string | null): Promise<RuleDetailDto | null> {
    void this.loadDatasets();
    if (!ruleId) {
      if (datasetId) await this.selectDataset(datasetId);
      return null;
    }
    this.state.update((s) => ({ ...s, loading: true, loadError: null }));
    try {
      const rule = await firstValueFrom(this.api.get(ruleId));
      this.state.update((s) => ({ ...s, rule, loading: false }));
      void this.loadVersions();
      void this.loadRuns();
      void this.selectDataset(rule.datasetId);
      return rule;
    } catch (error) {
      const problem = toProblem(error);
      const message =
        problem.kind === 'not-found'
          ? 'No such rule: it may have been deleted, or the link is wrong.'
          : problem.message;
      this.state.update((s) => ({ ...s, loading: false, loadError: message }));
      return null;
    }
  }

  async loadDatasets(): Promise<void> {
    try {
      const page = await firstValueFrom(this.api.datasets());
      this.state.update((s) => ({
        ...s,
        datasets: page.items,
        datasetsTotal: page.total,
        datasetsLoaded: true,
      }));
    } catch {
      // The dataset's own load reports a real problem.
    }
  }

  /** The dataset the rule checks: its schema (for validation) and up to 1000 sample rows (for the preview). */
  async selectDataset(id: string | null): Promise<void> {
    const seq = ++this.datasetSeq;
    this.state.update((s) => ({
      ...s,
      dataset: null,
      datasetError: null,
      sample: null,
      sampleError: null,
      sampleLoading: !!id,
    }));
    if (!id) return;
    let dataset: DatasetDetailDto;
    try {
      dataset = await firstValueFrom(this.api.dataset(id));
    } catch (error) {
      if (seq === this.datasetSeq) {
        const message = toProblem(error).message;
        this.state.update((s) => ({ ...s, datasetError: message, sampleLoading: false }));
      }
      return;
    }
    if (seq !== this.datasetSeq) return;
    this.state.update((s) => ({ ...s, dataset }));
    if (!dataset.currentVersionId) {
      this.state.update((s) => ({ ...s, sampleLoading: false }));
      return;
    }
    try {
      const sample = await firstValueFrom(this.api.sample(id, MAX_SAMPLE_ROWS));
      if (seq === this.datasetSeq) this.state.update((s) => ({ ...s, sample, sampleLoading: false }));
    } catch (error) {
      if (seq !== this.datasetSeq) return;
      const problem = toProblem(error);
      const message =
        problem.kind === 'forbidden'
          ? 'The rows of this dataset are sensitive: only data engineers and admins see them, so there is no live preview.'
          : problem.message;
      this.state.update((s) => ({ ...s, sampleError: message, sampleLoading: false }));
    }
  }

  /** Loads the rows of the dataset a FOREIGN_KEY names (once per name). */
  async ensureForeign(name: string): Promise<void> {
    const key = name.trim().toLowerCase();
    if (this.state().foreign.has(key)) return;
    this.setForeign(key, { status: 'loading' });
    const target = this.state().datasets.find((d) => d.name.toLowerCase() === key);
    if (!target) {
      this.setForeign(key, { status: 'missing' });
      return;
    }
    try {
      const [detail, sample] = await Promise.all([
        firstValueFrom(this.api.dataset(target.id)),
        firstValueFrom(this.api.sample(target.id, MAX_SAMPLE_ROWS)),
      ]);
      this.setForeign(key, {
        status: 'ready',
        name: detail.name,
        data: { schema: schemaOf(detail), rows: sample.rows },
        truncated: sample.rows.length >= MAX_SAMPLE_ROWS,
      });
    } catch (error) {
      this.setForeign(key, { status: 'error', message: toProblem(error).message });
    }
  }

  async loadVersions(): Promise<void> {
    const rule = this.state().rule;
    if (!rule) return;
    try {
      const page = await firstValueFrom(this.api.versions(rule.id));
      this.state.update((s) => ({ ...s, versions: page.items }));
    } catch {
      // History is secondary; the section says it is empty.
    }
  }

  async loadRuns(): Promise<void> {
    const rule = this.state().rule;
    if (!rule) return;
    try {
      const page = await firstValueFrom(this.runsApi.list({ ruleId: rule.id, pageSize: RECENT_RUNS }));
      this.state.update((s) => ({ ...s, runs: page.items }));
    } catch {
      // The runs page has the full history and its own error display.
    }
  }

  /** Creates or updates the rule; throws an ApiProblem for the form to show. */
  async save(body: CreateRuleRequest): Promise<RuleDetailDto> {
    const current = this.state().rule;
    this.state.update((s) => ({ ...s, saving: true }));
    try {
      let rule: RuleDetailDto;
      if (current) {
        const { datasetId: _datasetId, ...patch } = body;
        rule = await firstValueFrom(this.api.update(current.id, patch satisfies UpdateRuleRequest));
      } else {
        rule = await firstValueFrom(this.api.create(body));
      }
      this.state.update((s) => ({ ...s, rule }));
      this.toasts.success(
        current ? `Saved “${rule.name}” (version ${rule.version}).` : `Rule “${rule.name}” created.`,
      );
      void this.loadVersions();
      return rule;
    } catch (error) {
      throw toProblem(error);
    } finally {
      this.state.update((s) => ({ ...s, saving: false }));
    }
  }

  /** The server's positions for rule text it refused (a save's 400 names only the first few in words). */
  async serverCheck(dsl: string, datasetId: string): Promise<ValidateRuleResponse | null> {
    try {
      return await firstValueFrom(this.api.validate({ dsl, datasetId }));
    } catch {
      return null;
    }
  }

  /** Queues a run of the saved rule; its progress shows in "Recent runs". */
  async run(): Promise<void> {
    const rule = this.state().rule;
    if (!rule) return;
    this.state.update((s) => ({ ...s, starting: true }));
    try {
      const { runs } = await firstValueFrom(this.api.run({ ruleIds: [rule.id] }));
      this.toasts.success(`Run of “${rule.name}” queued.`);
      const fetched = await Promise.all(
        runs.map((r) => firstValueFrom(this.runsApi.get(r.id)).catch(() => null)),
      );
      for (const run of fetched) if (run) this.runChanged(run);
    } catch {
      // The interceptor has said why.
    } finally {
      this.state.update((s) => ({ ...s, starting: false }));
    }
  }

  async remove(): Promise<boolean> {
    const rule = this.state().rule;
    if (!rule) return false;
    this.state.update((s) => ({ ...s, deleting: true }));
    try {
      await firstValueFrom(this.api.remove(rule.id));
      this.toasts.success(`Rule “${rule.name}” deleted. Its runs are kept.`);
      return true;
    } catch {
      return false;
    } finally {
      this.state.update((s) => ({ ...s, deleting: false }));
    }
  }

  private runChanged(run: RunDetailDto): void {
    const rule = this.state().rule;
    if (!rule || run.ruleId !== rule.id) return;
    this.state.update((s) => {
      const previous = s.runs.find((r) => r.id === run.id);
      if (isStaleRun(previous, run)) return s;
      const known = previous !== undefined;
      const runs = known ? s.runs.map((r) => (r.id === run.id ? run : r)) : [run, ...s.runs];
      runs.sort((a, b) => (a.queuedAt < b.queuedAt ? 1 : a.queuedAt > b.queuedAt ? -1 : 0));
      return { ...s, runs: runs.slice(0, RECENT_RUNS) };
    });
  }

  private setForeign(key: string, value: ForeignRows): void {
    this.state.update((s) => {
      const foreign = new Map(s.foreign);
      foreign.set(key, value);
      return { ...s, foreign };
    });
  }
}
