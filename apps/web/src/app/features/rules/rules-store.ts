import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { DatasetDto, RuleDetailDto, RuleListQuery, RunDetailDto } from '@dqw/shared-types';
import { firstValueFrom } from 'rxjs';
import { toProblem } from '../../core/http/api-problem';
import { ToastService } from '../../core/notify/toast-service';
import { RunLive } from '../runs/run-live';
import { isStaleRun } from '../runs/run-labels';
import { RunsApi } from '../runs/runs-api';
import { RulesApi } from './rules-api';

export type RuleFilters = Pick<RuleListQuery, 'datasetId' | 'type' | 'severity' | 'active' | 'q'>;

interface RulesState {
  filters: RuleFilters;
  items: RuleDetailDto[];
  total: number;
  page: number;
  pageSize: number;
  loading: boolean;
  loadError: string | null;
  datasets: DatasetDto[];
  /** Latest run of each listed rule (null: never run; absent: not known yet). */
  latest: ReadonlyMap<string, RunDetailDto | null>;
  /** Rules (or `dataset:<id>`) with a run request in flight. */
  starting: ReadonlySet<string>;
}

/** State of the rules list. Provided by the page, so it starts fresh on every visit. */
@Injectable()
export class RulesStore {
  private readonly api = inject(RulesApi);
  private readonly runsApi = inject(RunsApi);
  private readonly toasts = inject(ToastService);
  private readonly runLive = inject(RunLive);
  private readonly state = signal<RulesState>({
    filters: {},
    items: [],
    total: 0,
    page: 1,
    pageSize: 25,
    loading: false,
    loadError: null,
    datasets: [],
    latest: new Map(),
    starting: new Set(),
  });
  private requestSeq = 0;

  readonly rules = computed(() => this.state().items);
  readonly total = computed(() => this.state().total);
  readonly page = computed(() => this.state().page);
  readonly pageSize = computed(() => this.state().pageSize);
  readonly loading = computed(() => this.state().loading);
  readonly loadError = computed(() => this.state().loadError);
  readonly filters = computed(() => this.state().filters);
  readonly datasets = computed(() => this.state().datasets);
  readonly filtered = computed(() =>
    Object.values(this.state().filters).some((v) => v !== undefined && v !== ''),
  );
  private readonly datasetNames = computed(() => new Map(this.state().datasets.map((d) => [d.id, d.name])));

  constructor() {
    // Live: a run of a listed rule replaces its badge; after a reconnection, ask again.
    const destroyRef = inject(DestroyRef);
    this.runLive.updates.pipe(takeUntilDestroyed(destroyRef)).subscribe((run) => this.runChanged(run));
    this.runLive.reconnected.pipe(takeUntilDestroyed(destroyRef)).subscribe(() => void this.load());
  }

  datasetName(id: string): string {
    return this.datasetNames().get(id) ?? 'Unknown dataset';
  }

  /** undefined while loading, null when the rule never ran. */
  latestRun(ruleId: string): RunDetailDto | null | undefined {
    return this.state().latest.get(ruleId);
  }

  isStarting(key: string): boolean {
    return this.state().starting.has(key);
  }

  applyFilters(filters: RuleFilters): Promise<void> {
    this.state.update((s) => ({ ...s, filters }));
    return this.load(1);
  }

  async load(page = this.state().page): Promise<void> {
    const seq = ++this.requestSeq;
    this.state.update((s) => ({ ...s, loading: true, loadError: null }));
    try {
      const { filters, pageSize } = this.state();
      const result = await firstValueFrom(this.api.list({ ...filters, page, pageSize }));
      if (seq !== this.requestSeq) return;
      this.state.update((s) => ({
        ...s,
        items: result.items,
        total: result.total,
        page: result.page,
        loading: false,
      }));
      await this.loadLatestRuns(result.items, seq);
    } catch (error) {
      if (seq !== this.requestSeq) return;
      this.state.update((s) => ({ ...s, loading: false, loadError: toProblem(error).message }));
    }
  }

  /** For the dataset filter and the names in the table; the list still works without it. */
  async loadDatasets(): Promise<void> {
    try {
      const page = await firstValueFrom(this.api.datasets());
      this.state.update((s) => ({ ...s, datasets: page.items }));
    } catch {
      // The table's own load reports a real problem (same server, same session).
    }
  }

  /** Queues a run of one rule; its badge follows the run live. */
  async run(rule: RuleDetailDto): Promise<void> {
    await this.start(rule.id, { ruleIds: [rule.id] }, `Run of “${rule.name}” queued.`);
  }

  /** Queues runs of every active rule of a dataset (one scan of the data for all of them). */
  async runDataset(datasetId: string): Promise<void> {
    const name = this.datasetName(datasetId);
    await this.start(`dataset:${datasetId}`, { datasetId }, `Runs of the active rules of ${name} queued.`);
  }

  private async start(key: string, body: { ruleIds?: string[]; datasetId?: string }, done: string) {
    this.setStarting(key, true);
    try {
      const { runs } = await firstValueFrom(this.api.run(body));
      this.toasts.success(runs.length ? done : 'There was nothing to run: no active rules.');
      // Show the queued runs at once; the event stream (or a reload) brings the rest.
      const fetched = await Promise.all(
        runs.map((r) => firstValueFrom(this.runsApi.get(r.id)).catch(() => null)),
      );
      for (const run of fetched) if (run) this.runChanged(run);
    } catch {
      // The interceptor has already said what went wrong.
    } finally {
      this.setStarting(key, false);
    }
  }

  private async loadLatestRuns(rules: RuleDetailDto[], seq: number): Promise<void> {
    if (rules.length === 0) return;
    // The badges of the page, in one request; a rule missing from the answer never ran.
    let runs: RunDetailDto[];
    try {
      runs = (await firstValueFrom(this.runsApi.latest(rules.map((r) => r.id)))).items;
    } catch {
      return; // The badges stay "loading"; the table itself loaded.
    }
    if (seq !== this.requestSeq) return;
    const byRule = new Map(runs.map((r) => [r.ruleId, r]));
    this.state.update((s) => {
      const latest = new Map(s.latest);
      for (const rule of rules) {
        const run = byRule.get(rule.id) ?? null;
        const current = latest.get(rule.id);
        // A live update may have brought a newer run, or a later state of it, while this request was out.
        if (current && (!run || current.queuedAt > run.queuedAt || isStaleRun(current, run))) continue;
        latest.set(rule.id, run);
      }
      return { ...s, latest };
    });
  }

  private runChanged(run: RunDetailDto): void {
    this.state.update((s) => {
      if (!s.items.some((r) => r.id === run.ruleId)) return s;
      const current = s.latest.get(run.ruleId);
      // Keep the newest run: an older run's late update must not replace a newer badge.
      if (current && current.id !== run.id && current.queuedAt > run.queuedAt) return s;
      if (isStaleRun(current ?? undefined, run)) return s;
      const latest = new Map(s.latest);
      latest.set(run.ruleId, run);
      return { ...s, latest };
    });
  }

  private setStarting(key: string, on: boolean): void {
    this.state.update((s) => {
      const starting = new Set(s.starting);
      if (on) starting.add(key);
      else starting.delete(key);
      return { ...s, starting };
    });
  }
}
