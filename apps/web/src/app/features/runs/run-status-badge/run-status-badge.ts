import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { RunStatus } from '@dqw/shared-types';
import { ProgressBar } from '../../../shared/ui/progress-bar/progress-bar';
import { runStatusBadge, runStatusLabel } from '../run-labels';

/** A run's state as a badge; a running run also shows its progress. */
@Component({
  selector: 'dqw-run-status-badge',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ProgressBar],
  template: `
    <span class="d-inline-flex align-items-center gap-2">
      <span class="badge {{ badge() }}" data-testid="run-status">{{ text() }}</span>
      @if (showBar()) {
        <dqw-progress-bar class="flex-grow-1" [value]="percent()" [label]="'Progress of the run'" />
      }
    </span>
  `,
  styles: `
    dqw-progress-bar {
      width: 5rem;
    }
  `,
})
export class RunStatusBadge {
  readonly status = input.required<RunStatus>();
  /** Progress of a running run (0–100), from the event stream. */
  readonly percent = input<number | null>(null);
  /** Show the bar next to the badge while the run is queued or running. */
  readonly bar = input(true);
  protected readonly badge = computed(() => runStatusBadge(this.status()));
  protected readonly showBar = computed(
    () => this.bar() && (this.status() === 'running' || this.status() === 'queued'),
  );
  protected readonly text = computed(() => {
    const percent = this.percent();
    const label = runStatusLabel(this.status());
    return this.status() === 'running' && percent !== null ? `${label} ${Math.round(percent)} %` : label;
  });
}
