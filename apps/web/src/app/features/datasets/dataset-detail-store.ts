import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import {
  ColumnOverride,
  ColumnType,
  DatasetDetailDto,
  DatasetVersionDto,
  ProfileProgressEventData,
  RunDetailDto,
  RunProgressEventData,
  TextPosition,
  UpdateDatasetRequest,
} from '@dqw/shared-types';
import { Subscription, debounceTime, filter, firstValueFrom, merge } from 'rxjs';
import { ApiProblem, toProblem } from '../../core/http/api-problem';
import { LiveEvents } from '../../core/live/live-events';
import { ToastService } from '../../core/notify/toast-service';
import { DatasetsApi, ProfileView, RecommendationView } from './datasets-api';

const FINISHED = new Set(['passed', 'failed', 'error']);

/** A batch of runs being checked together (one scan per dataset version). */
export interface RunBatch {
  runIds: string[];
  percent: number;
  phase: RunProgressEventData['phase'] | 'queued';
}

/** The answer to accepting a recommendation: the rule, or why not (with positions in the rule text). */
export type AcceptOutcome =
  { ok: true; ruleName: string } | { ok: false; message: string; positions: TextPosition[] };

interface DetailState {
  id: string | null;
  dataset: DatasetDetailDto | null;
  profile: ProfileView | null;
  versions: DatasetVersionDto[];
  versionTotal: number;
  recommendations: RecommendationView[];
  runs: RunDetailDto[];
  ruleCount: number | null;
  loading: boolean;
  loadError: string | null;
  notFound: boolean;
  deleted: boolean;
  profileProgress: ProfileProgressEventData | null;
  batch: RunBatch | null;
  starting: boolean;
  saving: boolean;
  /** Recommendations with an accept or dismiss in flight. */
  busy: ReadonlySet<string>;
}

const INITIAL: DetailState = {
  id: null,
  dataset: null,
  profile: null,
  versions: [],
  versionTotal: 0,
  recommendations: [],
  runs: [],
  ruleCount: null,
  loading: false,
  loadError: null,
  notFound: false,
  deleted: false,
  profileProgress: null,
  batch: null,
  starting: false,
  saving: false,
  busy: new Set(),
};

/**
 * Everything the dataset page shows, kept current by the event stream: profiling progress, new versions,
 * run progress and verdicts. Provided by the page.
 */
@Injectable()
export class DatasetDetailStore {
  private readonly api = inject(DatasetsApi);
  private readonly toasts = inject(ToastService);
  private readonly live = inject(LiveEvents);
  private readonly state = signal<DetailState>(INITIAL);
  private liveSub: Subscription | null = null;
  private loadSeq = 0;

  readonly dataset = computed(() => this.state().dataset);
  readonly profile = computed(() => this.state().profile);
  readonly versions = computed(() => this.state().versions);
  readonly versionTotal = computed(() => this.state().versionTotal);
  readonly recommendations = computed(() => this.state().recommendations);
  readonly runs = computed(() => this.state().runs);
  readonly ruleCount = computed(() => this.state().ruleCount);
  readonly loading = computed(() => this.state().loading);
  readonly loadError = computed(() => this.state().loadError);
  readonly notFound = computed(() => this.state().notFound);
  readonly deleted = computed(() => this.state().deleted);
  readonly saving = computed(() => this.state().saving);
  readonly starting = computed(() => this.state().starting);
  readonly currentVersion = computed(() => this.state().dataset?.currentVersion ?? null);
  /** Profiling of the current version is queued or running. */
  readonly profiling = computed(() => {
    const status = this.currentVersion()?.status;
    return status === 'uploaded' || status === 'profiling';
  });
  readonly profileProgress = computed(() => {
    const p = this.state().profileProgress;
    return p && p.versionId === this.currentVersion()?.id ? p : null;
  });

  /** The runs of the batch in progress (or just finished), with their latest state. */
  readonly batch = computed(() => {
    const batch = this.state().batch;
    if (!batch) return null;
    const byId = new Map(this.state().runs.map((r) => [r.id, r]));
    const runs = batch.runIds.map((id) => byId.get(id)).filter((r): r is RunDetailDto => !!r);
    const finished = runs.filter((r) => FINISHED.has(r.status));
    const done = finished.length === batch.runIds.length;
    const percent = done ? 100 : Math.max(batch.percent, (100 * finished.length) / batch.runIds.length);
    return {
      runs,
      total: batch.runIds.length,
      done,
      percent,
      phase: batch.phase,
      passed: finished.filter((r) => r.status === 'passed').length,
      failed: finished.filter((r) => r.status === 'failed').length,
      errors: finished.filter((r) => r.status === 'error').length,
    };
  });

  constructor() {
    inject(DestroyRef).onDestroy(() => this.liveSub?.unsubscribe());
  }

  isBusy(recommendationId: string): boolean {
    return this.state().busy.has(recommendationId);
  }

  /** Loads a dataset and follows its events until the page goes. */
  async init(id: string): Promise<void> {
    this.state.set({ ...INITIAL, id });
    this.follow(id);
    await this.reload();
  }

  async reload(options: { quiet?: boolean } = {}): Promise<void> {
    const id = this.state().id;
    if (!id) return;
    const seq = ++this.loadSeq;
    if (!options.quiet) this.state.update((s) => ({ ...s, loading: true, loadError: null }));
    try {
      const [dataset, versions, recommendations, runs, rules, profile] = await Promise.all([
        firstValueFrom(this.api.get(id)),
        firstValueFrom(this.api.versions(id)),
        firstValueFrom(this.api.recommendations(id)),
        firstValueFrom(this.api.runs(id)).catch(() => null),
        firstValueFrom(this.api.ruleCount(id)).catch(() => null),
        // No profile yet (404) is normal right after an upload.
        firstValueFrom(this.api.profile(id)).catch(() => null),
      ]);
      if (seq !== this.loadSeq) return;
      this.state.update((s) => ({
        ...s,
        dataset,
        profile,
        versions: versions.items,
        versionTotal: versions.total,
        recommendations: recommendations.items,
        runs: runs ? mergeRuns(runs.items, s.runs, s.batch) : s.runs,
        ruleCount: rules ? rules.total : s.ruleCount,
        loading: false,
        loadError: null,
      }));
    } catch (error) {
      if (seq !== this.loadSeq) return;
      const problem = toProblem(error);
      this.state.update((s) => ({
        ...s,
        loading: false,
        notFound: problem.kind === 'not-found',
        loadError: problem.kind === 'not-found' ? null : problem.message,
      }));
    }
  }

  /** Name, description, column types, null markers…; the server re-profiles when needed. */
  async update(patch: UpdateDatasetRequest, success: string): Promise<ApiProblem | null> {
    const id = this.state().id;
    if (!id) return null;
    this.state.update((s) => ({ ...s, saving: true }));
    try {
      const dataset = await firstValueFrom(this.api.update(id, patch));
      this.state.update((s) => ({ ...s, dataset, saving: false }));
      this.toasts.success(success);
      return null;
    } catch (error) {
      this.state.update((s) => ({ ...s, saving: false }));
      return toProblem(error);
    }
  }

  setColumnType(column: string, override: ColumnOverride | null): Promise<ApiProblem | null> {
    const label = override
      ? `${column} is now read as ${typeName(override.type)}`
      : `${column} uses the detected type again`;
    return this.update({ columnOverrides: { [column]: override } }, `${label}; profiling again.`);
  }

  async addNullMarker(marker: string): Promise<ApiProblem | null> {
    const current = this.state().dataset?.nullMarkers ?? [];
    if (current.includes(marker)) return null;
    return this.update(
      { nullMarkers: [...current, marker] },
      `“${marker}” now counts as empty; profiling again.`,
    );
  }

  async removeNullMarker(marker: string): Promise<ApiProblem | null> {
    const current = this.state().dataset?.nullMarkers ?? [];
    return this.update(
      { nullMarkers: current.filter((m) => m !== marker) },
      `“${marker}” is a value again; profiling again.`,
    );
  }

  /** Creates the rule; on refused rule text answers the problems with their positions. */
  async accept(rec: RecommendationView, dsl?: string): Promise<AcceptOutcome> {
    const id = this.state().id;
    if (!id) return { ok: false, message: 'No dataset.', positions: [] };
    this.setBusy(rec.id, true);
    try {
      const edited = dsl !== undefined && dsl.trim() !== rec.dsl ? dsl.trim() : undefined;
      const rule = await firstValueFrom(this.api.accept(id, rec.id, edited ? { dsl: edited } : {}));
      this.state.update((s) => ({
        ...s,
        recommendations: s.recommendations.filter((r) => r.id !== rec.id),
        ruleCount: (s.ruleCount ?? 0) + 1,
      }));
      this.toasts.success(`Rule created: ${rule.name}`);
      return { ok: true, ruleName: rule.name };
    } catch (error) {
      const problem = toProblem(error);
      return {
        ok: false,
        message: problem.serverMessage ?? problem.message,
        positions: positionsOf(problem),
      };
    } finally {
      this.setBusy(rec.id, false);
    }
  }

  async dismiss(rec: RecommendationView): Promise<boolean> {
    const id = this.state().id;
    if (!id) return false;
    this.setBusy(rec.id, true);
    try {
      await firstValueFrom(this.api.dismiss(id, rec.id));
      this.state.update((s) => ({ ...s, recommendations: s.recommendations.filter((r) => r.id !== rec.id) }));
      this.toasts.show('info', `Dismissed: ${rec.dsl}. It won't be proposed again.`);
      return true;
    } catch {
      return false; // the interceptor said why in a toast
    } finally {
      this.setBusy(rec.id, false);
    }
  }

  /** Queues every active rule; progress and verdicts arrive on the event stream. */
  async runAll(): Promise<void> {
    const id = this.state().id;
    if (!id) return;
    this.state.update((s) => ({ ...s, starting: true }));
    try {
      const answer = await firstValueFrom(this.api.runAll(id));
      const runIds = answer.runs.map((r) => r.id);
      this.state.update((s) => ({ ...s, batch: { runIds, percent: 0, phase: 'queued' } }));
      const runs = await firstValueFrom(this.api.runs(id, Math.max(10, runIds.length)));
      this.state.update((s) => ({ ...s, runs: mergeRuns(runs.items, s.runs, s.batch) }));
    } catch {
      // 400 (no active rules), 503 (queue down): the interceptor's toast names it.
    } finally {
      this.state.update((s) => ({ ...s, starting: false }));
    }
  }

  async remove(): Promise<boolean> {
    const id = this.state().id;
    if (!id) return false;
    try {
      await firstValueFrom(this.api.remove(id));
      this.toasts.success(`Deleted ${this.state().dataset?.name ?? 'the dataset'}.`);
      return true;
    } catch {
      return false;
    }
  }

  async snapshot(): Promise<void> {
    const id = this.state().id;
    if (!id) return;
    try {
      const version = await firstValueFrom(this.api.snapshot(id));
      this.toasts.success(`Version ${version.number} taken from the table; profiling started.`);
      await this.reload({ quiet: true });
    } catch {
      // toast from the interceptor
    }
  }

  private follow(id: string): void {
    this.liveSub?.unsubscribe();
    const mine = <T extends { datasetId: string }>(e: { data: T }) => e.data.datasetId === id;
    const sub = new Subscription();
    sub.add(
      this.live
        .on('profile.progress')
        .pipe(filter(mine))
        .subscribe((e) => this.state.update((s) => ({ ...s, profileProgress: e.data }))),
    );
    sub.add(
      this.live
        .on('dataset.updated')
        .pipe(filter(mine))
        .subscribe((e) => {
          if (e.data.status === 'deleted') this.state.update((s) => ({ ...s, deleted: true }));
        }),
    );
    // A new version, a finished profile, new recommendations: reload (quietly, at most twice a second).
    sub.add(
      merge(
        this.live.on('dataset.updated').pipe(filter((e) => mine(e) && e.data.status !== 'deleted')),
        this.live.reconnected,
      )
        .pipe(debounceTime(400))
        .subscribe(() => void this.reload({ quiet: true })),
    );
    sub.add(
      this.live
        .on('run.updated')
        .pipe(filter(mine))
        .subscribe((e) => this.state.update((s) => ({ ...s, runs: upsertRun(s.runs, e.data) }))),
    );
    sub.add(
      this.live
        .on('run.progress')
        .pipe(filter(mine))
        .subscribe((e) =>
          this.state.update((s) => {
            const same = s.batch && e.data.runIds.some((r) => s.batch?.runIds.includes(r));
            // Runs started elsewhere (an upload, a schedule, a colleague) get their own progress bar.
            const runIds = same && s.batch ? s.batch.runIds : e.data.runIds;
            return { ...s, batch: { runIds, percent: e.data.percent, phase: e.data.phase } };
          }),
        ),
    );
    this.liveSub = sub;
  }

  private setBusy(id: string, busy: boolean): void {
    this.state.update((s) => {
      const next = new Set(s.busy);
      if (busy) next.add(id);
      else next.delete(id);
      return { ...s, busy: next };
    });
  }
}

/** Newest first; a run already known keeps its newest state (events may beat the list). */
function upsertRun(runs: RunDetailDto[], run: RunDetailDto): RunDetailDto[] {
  const index = runs.findIndex((r) => r.id === run.id);
  if (index === -1) return [run, ...runs].slice(0, 50);
  const next = [...runs];
  next[index] = newer(runs[index], run);
  return next;
}

function mergeRuns(fresh: RunDetailDto[], known: RunDetailDto[], batch: RunBatch | null): RunDetailDto[] {
  const byId = new Map(known.map((r) => [r.id, r]));
  const merged = fresh.map((r) => (byId.has(r.id) ? newer(byId.get(r.id) as RunDetailDto, r) : r));
  // Keep batch runs an older list page doesn't include.
  for (const id of batch?.runIds ?? []) {
    const run = byId.get(id);
    if (run && !merged.some((r) => r.id === id)) merged.push(run);
  }
  return merged;
}

const ORDER: Record<string, number> = { queued: 0, running: 1, passed: 2, failed: 2, error: 2 };

function newer(a: RunDetailDto, b: RunDetailDto): RunDetailDto {
  return (ORDER[b.status] ?? 0) >= (ORDER[a.status] ?? 0) ? b : a;
}

/** DSL problems from a 400's details: `[{line, column, length, message}]`. */
export function positionsOf(problem: ApiProblem): TextPosition[] {
  if (!Array.isArray(problem.details)) return [];
  return problem.details.filter(
    (d): d is TextPosition =>
      !!d &&
      typeof d === 'object' &&
      typeof (d as TextPosition).line === 'number' &&
      typeof (d as TextPosition).column === 'number',
  );
}

function typeName(type: ColumnType): string {
  return type === 'string' ? 'text' : type;
}
