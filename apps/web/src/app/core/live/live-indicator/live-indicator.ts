import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { LiveEvents } from '../live-events';

const TEXT = {
  open: { short: 'Live', long: 'Live updates are on.' },
  connecting: { short: 'Connecting', long: 'Connecting to live updates…' },
  reconnecting: {
    short: 'Reconnecting',
    long: 'Live updates paused: reconnecting. Pages update again once the connection is back.',
  },
} as const;

/** The header's "live" dot: whether run progress and changes arrive without reloading. */
@Component({
  selector: 'dqw-live-indicator',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (text(); as t) {
      <span class="live live-{{ live.status() }}" role="status" [title]="t.long" data-testid="live-indicator">
        <span class="dot" aria-hidden="true"></span>
        <span class="live-short" aria-hidden="true">{{ t.short }}</span>
        <span class="visually-hidden">{{ t.long }}</span>
      </span>
    }
  `,
  styleUrl: './live-indicator.scss',
})
export class LiveIndicator {
  protected readonly live = inject(LiveEvents);
  protected readonly text = computed(() => {
    const status = this.live.status();
    return status === 'open' || status === 'connecting' || status === 'reconnecting' ? TEXT[status] : null;
  });
}
