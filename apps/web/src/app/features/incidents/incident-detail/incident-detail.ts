import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { Roles } from '@dqw/shared-types';
import { AuthStore } from '../../../core/auth/auth-store';
import { checkedColumns } from '../../../shared/ui/dsl-code/dsl-tokens';
import { DslCode } from '../../../shared/ui/dsl-code/dsl-code';
import { severityBadge, severityLabel } from '../../rules/rule-labels';
import { EvidenceRow, EvidenceTable } from '../../runs/evidence-table/evidence-table';
import { formatCount } from '../../runs/run-labels';
import { CommentBox } from '../comment-box/comment-box';
import { IncidentDetailStore } from '../incident-detail-store';
import { reasonLabel, statusBadge, statusLabel } from '../incident-labels';
import { IncidentTimeline } from '../incident-timeline/incident-timeline';
import { MuteDialog, MuteRequest } from '../mute-dialog/mute-dialog';
import { ResolveDialog, ResolveRequest } from '../resolve-dialog/resolve-dialog';
import { SlaPanel } from '../sla-panel/sla-panel';
import { Ticker } from '../ticker';
import { EmptyState } from '../../../shared/ui/empty-state/empty-state';
import { Skeleton } from '../../../shared/ui/skeleton/skeleton';

@Component({
  selector: 'dqw-incident-detail',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    RouterLink,
    DslCode,
    EvidenceTable,
    CommentBox,
    IncidentTimeline,
    MuteDialog,
    ResolveDialog,
    SlaPanel,
    Skeleton,
    EmptyState,
  ],
  providers: [IncidentDetailStore, Ticker],
  templateUrl: './incident-detail.html',
  styleUrl: './incident-detail.scss',
})
export class IncidentDetail {
  /** The `:id` route parameter. */
  readonly id = input.required<string>();
  protected readonly store = inject(IncidentDetailStore);
  protected readonly ticker = inject(Ticker);
  private readonly auth = inject(AuthStore);
  protected readonly isAnalyst = computed(() => this.auth.role() === Roles.Analyst);
  protected readonly statusLabel = statusLabel;
  protected readonly statusBadge = statusBadge;
  protected readonly severityLabel = severityLabel;
  protected readonly severityBadge = severityBadge;
  protected readonly reasonLabel = reasonLabel;
  protected readonly count = formatCount;
  protected readonly dialog = signal<'mute' | 'resolve' | null>(null);
  protected readonly dialogError = signal<string | null>(null);
  protected readonly commentError = signal<string | null>(null);
  protected readonly nameOf = (id: string | null) => this.store.assigneeName(id);
  private readonly commentBox = viewChild(CommentBox);

  protected readonly checked = computed(() => {
    const run = this.store.run();
    const evidence = this.store.evidence();
    return run && evidence ? checkedColumns(run.dsl, evidence.columns) : [];
  });
  protected readonly evidenceRows = computed<EvidenceRow[]>(() =>
    (this.store.evidence()?.rows ?? []).map((r) => ({
      rowNumber: r.rowNumber,
      values: r.values,
      failing: true,
    })),
  );
  /** Whether anything can be done from the toolbar (the assign picker sits with the facts). */
  protected readonly hasToolbar = computed(() => {
    const a = this.store.actions();
    return (
      a.has('acknowledge') || a.has('mute') || a.has('change-mute') || a.has('unmute') || a.has('resolve')
    );
  });

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => void this.store.load(id));
    });
  }

  protected open(dialog: 'mute' | 'resolve'): void {
    this.dialogError.set(null);
    this.store.clearActionError();
    this.dialog.set(dialog);
  }

  protected async mute(request: MuteRequest): Promise<void> {
    const result = await this.store.mute(request.until, request.note);
    if (result.ok) this.dialog.set(null);
    else this.dialogError.set(result.message);
  }

  protected async resolve(request: ResolveRequest): Promise<void> {
    const result = await this.store.resolve(request.reason, request.note);
    if (result.ok) this.dialog.set(null);
    else this.dialogError.set(result.message);
  }

  protected async assign(event: Event): Promise<void> {
    const select = event.target as HTMLSelectElement;
    const result = await this.store.assign(select.value || null);
    // Refused: show who is really assigned again.
    if (!result.ok) select.value = this.store.incident()?.assigneeId ?? '';
  }

  /** The current assignee when they can no longer be picked (deactivated, or now an analyst). */
  protected readonly formerAssignee = computed(() => {
    const id = this.store.incident()?.assigneeId;
    return id && !this.store.assignees().some((a) => a.id === id) ? id : null;
  });

  protected async comment(text: string): Promise<void> {
    this.commentError.set(null);
    const result = await this.store.comment(text);
    if (result.ok) this.commentBox()?.reset();
    else this.commentError.set(result.message);
  }
}
