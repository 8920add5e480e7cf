import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { DatasetDto, RunDetailDto, RunListQuery } from '@dqw/shared-types';
import { firstValueFrom } from 'rxjs';
import { toProblem } from '../../core/http/api-problem';
import { RulesApi } from '../rules/rules-api';
import { POLL_MS } from './run-detail-store';
import { isActive, isStaleRun } from './run-labels';
import { RunLive } from './run-live';
import { RunsApi } from './runs-api';

export type RunFilters = Omit<RunListQuery, 'page' | 'pageSize'>;

interface RunsState {
  filters: RunFilters;
  items: RunDetailDto[];
  total: number;
  page: number;
  pageSize: number;
  loading: boolean;
  loadError: string | null;
  datasets: DatasetDto[];
  /** Name of the rule the list is filtered on (from its runs or the rule itself). */
  ruleName: string | null;
}

/** Whether a run belongs in a list with these filters (for runs announced by the event stream). */
export function matchesFilters(run: RunDetailDto, filters: RunFilters): boolean {
  if (filters.datasetId && run.datasetId !== filters.datasetId) return false;
  if (filters.ruleId && run.ruleId !== filters.ruleId) return false;
  if (filters.status && run.status !== filters.status) return false;
  if (filters.verdict && run.verdict !== filters.verdict) return false;
  if (filters.trigger && run.trigger !== filters.trigger) return false;
  if (filters.from && run.queuedAt < filters.from) return false;
  if (filters.to && run.queuedAt >= filters.to) return false;
  return true;
}

/** The run history page: filters, one page of runs, kept current from the event stream. */
@Injectable()
export class RunsStore {
  private readonly api = inject(RunsApi);
  private readonly rulesApi = inject(RulesApi);
  private readonly live = inject(RunLive);
  private readonly state = signal<RunsState>({
    filters: {},
    items: [],
    total: 0,
    page: 1,
    pageSize: 25,
    loading: false,
    loadError: null,
    datasets: [],
    ruleName: null,
  });
  private seq = 0;

  readonly runs = computed(() => this.state().items);
  readonly total = computed(() => this.state().total);
  readonly page = computed(() => this.state().page);
  readonly pageSize = computed(() => this.state().pageSize);
  readonly loading = computed(() => this.state().loading);
  readonly loadError = computed(() => this.state().loadError);
  readonly filters = computed(() => this.state().filters);
  readonly datasets = computed(() => this.state().datasets);
  readonly ruleName = computed(() => this.state().ruleName);
  readonly filtered = computed(() => Object.values(this.state().filters).some((v) => !!v));
  private readonly names = computed(() => new Map(this.state().datasets.map((d) => [d.id, d.name])));

  constructor() {
    const destroyRef = inject(DestroyRef);
    this.live.updates.pipe(takeUntilDestroyed(destroyRef)).subscribe((run) => this.changed(run));
    this.live.reconnected.pipe(takeUntilDestroyed(destroyRef)).subscribe(() => void this.load());
    const timer = setInterval(() => {
      if (!this.live.connected() && this.state().items.some(isActive)) void this.load();
    }, POLL_MS);
    destroyRef.onDestroy(() => clearInterval(timer));
  }

  datasetName(id: string): string {
    return this.names().get(id) ?? 'Unknown dataset';
  }

  applyFilters(filters: RunFilters): Promise<void> {
    this.state.update((s) => ({ ...s, filters }));
    void this.loadRuleName(filters.ruleId);
    return this.load(1);
  }

  async load(page = this.state().page): Promise<void> {
    const seq = ++this.seq;
    this.state.update((s) => ({ ...s, loading: true, loadError: null }));
    try {
      const { filters, pageSize } = this.state();
      const result = await firstValueFrom(this.api.list({ ...filters, page, pageSize }));
      if (seq !== this.seq) return;
      this.state.update((s) => ({
        ...s,
        items: result.items,
        total: result.total,
        page: result.page,
        loading: false,
      }));
    } catch (error) {
      if (seq !== this.seq) return;
      this.state.update((s) => ({ ...s, loading: false, loadError: toProblem(error).message }));
    }
  }

  async loadDatasets(): Promise<void> {
    try {
      const page = await firstValueFrom(this.rulesApi.datasets());
      this.state.update((s) => ({ ...s, datasets: page.items }));
    } catch {
      // Names fall back to "Unknown dataset"; the list itself reports real problems.
    }
  }

  private async loadRuleName(ruleId: string | undefined): Promise<void> {
    this.state.update((s) => ({ ...s, ruleName: null }));
    if (!ruleId) return;
    try {
      const rule = await firstValueFrom(this.rulesApi.get(ruleId));
      if (this.state().filters.ruleId === ruleId) this.state.update((s) => ({ ...s, ruleName: rule.name }));
    } catch {
      // A deleted rule keeps its runs; the runs themselves carry its name.
      const fromRuns = this.state().items.find((r) => r.ruleId === ruleId)?.ruleName ?? null;
      this.state.update((s) => ({ ...s, ruleName: fromRuns }));
    }
  }

  private changed(run: RunDetailDto): void {
    const { items, filters, page } = this.state();
    if (
      isStaleRun(
        items.find((r) => r.id === run.id),
        run,
      )
    )
      return;
    if (items.some((r) => r.id === run.id)) {
      // Known run: replace it, or drop it when it no longer matches (e.g. filtered on "running").
      this.state.update((s) => ({
        ...s,
        items: matchesFilters(run, filters)
          ? s.items.map((r) => (r.id === run.id ? run : r))
          : s.items.filter((r) => r.id !== run.id),
      }));
    } else if (page === 1 && matchesFilters(run, filters)) {
      // A new run that belongs at the top of the first page.
      this.state.update((s) => ({
        ...s,
        items: [run, ...s.items].slice(0, s.pageSize),
        total: s.total + 1,
      }));
    }
  }
}
