import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  DashboardStatsDto,
  DashboardTrendsDto,
  DatasetDto,
  IncidentDto,
  IncidentHeatmapDto,
  RulePassRatesDto,
} from '@dqw/shared-types';
import { debounceTime, filter, firstValueFrom, merge } from 'rxjs';
import { toProblem } from '../../core/http/api-problem';
import { LiveEvents } from '../../core/live/live-events';
import { DashboardApi } from './dashboard-api';
import { DashboardQuery, DEFAULT_DAYS, sameQuery } from './dashboard-query';

/** Events come in bursts (a "run all" finishes many runs at once): refresh once after the burst. */
export const LIVE_REFRESH_MS = 1500;

export interface DashboardData {
  stats: DashboardStatsDto;
  trends: DashboardTrendsDto;
  passRates: RulePassRatesDto;
  heatmap: IncidentHeatmapDto;
  recent: IncidentDto[];
}

interface DashboardState {
  query: DashboardQuery;
  data: DashboardData | null;
  /** The data shown is of an earlier query (filters just changed): charts dim until the new data lands. */
  stale: boolean;
  loading: boolean;
  loadError: string | null;
  datasets: DatasetDto[];
  /** When the data was last loaded (for "updated …"). */
  loadedAt: Date | null;
}

/** State of the dashboard page; provided by the page, so it starts fresh on every visit. */
@Injectable()
export class DashboardStore {
  private readonly api = inject(DashboardApi);
  private readonly state = signal<DashboardState>({
    query: { days: DEFAULT_DAYS, datasetId: null },
    data: null,
    stale: false,
    loading: false,
    loadError: null,
    datasets: [],
    loadedAt: null,
  });
  private seq = 0;

  readonly query = computed(() => this.state().query);
  readonly data = computed(() => this.state().data);
  readonly stale = computed(() => this.state().stale);
  readonly loading = computed(() => this.state().loading);
  readonly loadError = computed(() => this.state().loadError);
  readonly datasets = computed(() => this.state().datasets);
  readonly loadedAt = computed(() => this.state().loadedAt);
  private readonly names = computed(() => new Map(this.state().datasets.map((d) => [d.id, d.name])));

  constructor() {
    const live = inject(LiveEvents);
    const finished = live
      .on('run.updated')
      .pipe(filter((e) => !['queued', 'running'].includes(e.data.status)));
    merge(finished, live.on('incident.updated'), live.on('dataset.updated'), live.reconnected)
      .pipe(debounceTime(LIVE_REFRESH_MS), takeUntilDestroyed(inject(DestroyRef)))
      .subscribe(() => {
        if (this.state().data || this.state().loadError) void this.load();
      });
  }

  datasetName(id: string): string {
    return this.names().get(id) ?? 'Unknown dataset';
  }

  /** Shows another range or dataset (from the URL). */
  apply(query: DashboardQuery): Promise<void> {
    const changed = !sameQuery(query, this.state().query);
    this.state.update((s) => ({ ...s, query, stale: changed && s.data !== null }));
    return this.load();
  }

  /** Loads everything the page shows at once; the page keeps the previous data while it loads. */
  async load(): Promise<void> {
    const seq = ++this.seq;
    const { days, datasetId } = this.state().query;
    this.state.update((s) => ({ ...s, loading: true, loadError: null }));
    try {
      const [stats, trends, passRates, heatmap, recent] = await Promise.all([
        firstValueFrom(this.api.stats(datasetId)),
        firstValueFrom(this.api.trends(days, datasetId)),
        firstValueFrom(this.api.passRates(days, datasetId)),
        firstValueFrom(this.api.heatmap(days, datasetId)),
        firstValueFrom(this.api.recentIncidents(datasetId)),
      ]);
      if (seq !== this.seq) return; // a newer load (other filters, a live refresh) wins
      this.state.update((s) => ({
        ...s,
        data: { stats, trends, passRates, heatmap, recent: recent.items },
        stale: false,
        loading: false,
        loadedAt: new Date(),
      }));
    } catch (error) {
      if (seq !== this.seq) return;
      this.state.update((s) => ({ ...s, loading: false, stale: false, loadError: toProblem(error).message }));
    }
  }

  /** Names for the filter and the incident rows; the dashboard works without them. */
  async loadDatasets(): Promise<void> {
    try {
      const page = await firstValueFrom(this.api.datasets());
      this.state.update((s) => ({ ...s, datasets: page.items }));
    } catch {
      // The filter then offers "All datasets" only; the dashboard itself reports real problems.
    }
  }
}
