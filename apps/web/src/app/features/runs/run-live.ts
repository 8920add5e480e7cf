import { Injectable, Signal, computed, inject, signal } from '@angular/core';
import { RunDetailDto } from '@dqw/shared-types';
import { Observable, map } from 'rxjs';
import { LiveEvents } from '../../core/live/live-events';

/**
 * Run state from the app's event stream (`run.updated`, `run.progress`): the pages of rules and runs
 * use it to move progress bars and replace rows without reloading.
 */
@Injectable({ providedIn: 'root' })
export class RunLive {
  private readonly live = inject(LiveEvents);
  private readonly percents = signal<ReadonlyMap<string, number>>(new Map());

  /** Every state change of a run, as `GET /api/runs/{id}` lists it. */
  readonly updates: Observable<RunDetailDto> = this.live.on('run.updated').pipe(map((e) => e.data));
  /** The stream came back after a drop: updates sent meanwhile were missed, so reload. */
  readonly reconnected: Observable<void> = this.live.reconnected;
  /** True while events arrive; pages poll running runs when it is false. */
  readonly connected: Signal<boolean> = computed(() => this.live.status() === 'open');

  constructor() {
    this.live.on('run.progress').subscribe(({ data }) => {
      const percent = Math.max(0, Math.min(100, Number(data.percent) || 0));
      this.percents.update((all) => {
        const next = new Map(all);
        for (const id of data.runIds ?? []) next.set(id, percent);
        return next;
      });
    });
    this.updates.subscribe((run) => {
      if (run.status === 'queued' || run.status === 'running') return;
      this.percents.update((all) => {
        if (!all.has(run.id)) return all;
        const next = new Map(all);
        next.delete(run.id);
        return next;
      });
    });
  }

  /** The last progress reported for a run (0–100), or null before any. */
  percent(runId: string): number | null {
    return this.percents().get(runId) ?? null;
  }
}
