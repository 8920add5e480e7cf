import { EmptyState } from '../../../shared/ui/empty-state/empty-state';
import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { Roles } from '@dqw/shared-types';
import { AuthStore } from '../../../core/auth/auth-store';
import { DslCode } from '../../../shared/ui/dsl-code/dsl-code';
import { checkedColumns } from '../../../shared/ui/dsl-code/dsl-tokens';
import { Icon } from '../../../shared/ui/icon/icon';
import { ProgressBar } from '../../../shared/ui/progress-bar/progress-bar';
import { EvidenceRow, EvidenceTable } from '../evidence-table/evidence-table';
import { RunDetailStore } from '../run-detail-store';
import { formatCount, formatDuration, formatPassRate, triggerLabel } from '../run-labels';
import { RunPlan } from '../run-plan/run-plan';
import { RunStatusBadge } from '../run-status-badge/run-status-badge';
import { evidenceCsvUrl } from '../runs-api';
import { Skeleton } from '../../../shared/ui/skeleton/skeleton';

@Component({
  selector: 'dqw-run-detail',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    EmptyState,
    DatePipe,
    RouterLink,
    Icon,
    DslCode,
    ProgressBar,
    EvidenceTable,
    RunPlan,
    RunStatusBadge,
    Skeleton,
  ],
  providers: [RunDetailStore],
  templateUrl: './run-detail.html',
  styleUrl: './run-detail.scss',
})
export class RunDetail {
  /** The `:id` route parameter. */
  readonly id = input.required<string>();
  protected readonly store = inject(RunDetailStore);
  private readonly router = inject(Router);
  private readonly auth = inject(AuthStore);
  protected readonly canRun = computed(() => this.auth.hasRole(Roles.Admin, Roles.DataEngineer));
  protected readonly count = formatCount;
  protected readonly duration = formatDuration;
  protected readonly passRate = formatPassRate;
  protected readonly trigger = triggerLabel;
  protected readonly csvUrl = computed(() => evidenceCsvUrl(this.id()));

  protected readonly checked = computed(() => {
    const run = this.store.run();
    const evidence = this.store.evidence();
    return run && evidence ? checkedColumns(run.dsl, evidence.columns) : [];
  });
  protected readonly rows = computed<EvidenceRow[]>(() =>
    (this.store.evidence()?.rows ?? []).map((r) => ({
      rowNumber: r.rowNumber,
      values: r.values,
      failing: true,
    })),
  );
  protected readonly verdictText = computed(() => {
    const run = this.store.run();
    if (!run) return '';
    switch (run.status) {
      case 'passed':
        return 'Passed: the data meets this rule.';
      case 'failed':
        return `Failed: ${formatCount(run.failedCount)} of ${formatCount(run.rowsChecked)} rows in scope break the rule.`;
      case 'error':
        return 'The run could not finish, so there is no verdict.';
      case 'queued':
        return 'Waiting in the queue for a worker.';
      case 'running':
        return 'Running now — this page updates by itself.';
    }
  });

  constructor() {
    effect(() => void this.store.load(this.id()));
  }

  protected async runAgain(): Promise<void> {
    const id = await this.store.runAgain();
    if (id) await this.router.navigate(['/runs', id]);
  }
}
