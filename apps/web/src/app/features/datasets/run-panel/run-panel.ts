import { DatePipe, DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { RouterLink } from '@angular/router';
import { RunDetailDto } from '@dqw/shared-types';
import { ProgressBar } from '../../../shared/ui/progress-bar/progress-bar';
import { RUN_PHASE_TEXT, RUN_STATUS_TEXT, formatCount, formatShare } from '../dataset-labels';
import { DatasetDetailStore } from '../dataset-detail-store';

type BatchView = NonNullable<ReturnType<DatasetDetailStore['batch']>>;

/** "Run all rules" with live progress, the verdicts as they arrive, and the latest runs. */
@Component({
  selector: 'dqw-run-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, DecimalPipe, RouterLink, ProgressBar],
  templateUrl: './run-panel.html',
})
export class RunPanel {
  readonly runs = input.required<readonly RunDetailDto[]>();
  readonly batch = input<BatchView | null>(null);
  readonly ruleCount = input<number | null>(null);
  readonly canRun = input(false);
  readonly starting = input(false);
  readonly runAll = output<void>();
  protected readonly statusText = RUN_STATUS_TEXT;
  protected phaseLabel(phase: string): string {
    return RUN_PHASE_TEXT[phase] || phase;
  }
  protected readonly formatCount = formatCount;
  protected readonly formatShare = formatShare;
}
