import { DOCUMENT, DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { QueuesResponse } from '@dqw/shared-types';
import { firstValueFrom, merge, throttleTime } from 'rxjs';
import { toProblem } from '../../core/http/api-problem';
import { LiveEvents } from '../../core/live/live-events';
import { QueuesApi } from './queues-api';

/** How often the counts are asked for while the page is visible. */
export const QUEUES_REFRESH_MS = 5000;

interface QueuesState {
  data: QueuesResponse | null;
  loading: boolean;
  error: string | null;
  updatedAt: Date | null;
}

/**
 * The queue counts, kept fresh: every few seconds while the tab is visible, and soon after any run or
 * profile event (jobs started or finished). Provided by the page.
 */
@Injectable()
export class QueuesStore {
  private readonly api = inject(QueuesApi);
  private readonly document = inject(DOCUMENT);
  private readonly state = signal<QueuesState>({ data: null, loading: false, error: null, updatedAt: null });
  private timer: ReturnType<typeof setInterval> | null = null;
  private inFlight = false;

  readonly data = computed(() => this.state().data);
  readonly loading = computed(() => this.state().loading);
  readonly error = computed(() => this.state().error);
  readonly updatedAt = computed(() => this.state().updatedAt);

  constructor() {
    const live = inject(LiveEvents);
    const sub = merge(live.on('run.updated'), live.on('dataset.updated'), live.reconnected)
      .pipe(throttleTime(1000, undefined, { leading: true, trailing: true }))
      .subscribe(() => void this.refresh());
    sub.add(
      live.on('queue.counts').subscribe((e) => {
        const queues = e.data.queues;
        if (queues) {
          this.state.update((s) => ({
            ...s,
            data: s.data ? { ...s.data, ...e.data, queues } : null,
            updatedAt: new Date(),
          }));
        }
      }),
    );
    const onVisibility = () => {
      if (this.document.visibilityState === 'visible') void this.refresh();
    };
    this.document.addEventListener('visibilitychange', onVisibility);
    inject(DestroyRef).onDestroy(() => {
      sub.unsubscribe();
      this.document.removeEventListener('visibilitychange', onVisibility);
      this.stop();
    });
  }

  /** Loads now and then every {@link QUEUES_REFRESH_MS} while the tab is visible. */
  start(): Promise<void> {
    this.stop();
    this.timer = setInterval(() => {
      if (this.document.visibilityState !== 'hidden') void this.refresh();
    }, QUEUES_REFRESH_MS);
    return this.refresh({ showLoading: true });
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  async refresh(options: { showLoading?: boolean } = {}): Promise<void> {
    if (this.inFlight) return; // a slow answer is not stacked under the next tick
    this.inFlight = true;
    if (options.showLoading) this.state.update((s) => ({ ...s, loading: true }));
    try {
      const data = await firstValueFrom(this.api.summary());
      this.state.set({ data, loading: false, error: null, updatedAt: new Date() });
    } catch (error) {
      // Keep the last counts on screen; say they may be stale.
      this.state.update((s) => ({ ...s, loading: false, error: toProblem(error).message }));
    } finally {
      this.inFlight = false;
    }
  }
}
