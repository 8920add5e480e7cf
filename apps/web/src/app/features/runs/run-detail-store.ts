import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { EvidenceDto, RunDetailDto, RunWithPlanDto } from '@dqw/shared-types';
import { firstValueFrom } from 'rxjs';
import { toProblem } from '../../core/http/api-problem';
import { ToastService } from '../../core/notify/toast-service';
import { RulesApi } from '../rules/rules-api';
import { isActive, isStaleRun } from './run-labels';
import { RunLive } from './run-live';
import { RunsApi } from './runs-api';

/** How often a running run is re-read when the event stream is down. */
export const POLL_MS = 3000;

interface RunDetailState {
  id: string | null;
  run: RunWithPlanDto | null;
  loading: boolean;
  loadError: string | null;
  /** The run doesn't exist (a wrong or old link): nothing to retry. */
  notFound: boolean;
  evidence: EvidenceDto | null;
  evidenceLoading: boolean;
  evidenceError: string | null;
  datasetName: string | null;
  starting: boolean;
}

/** One run: its result, plan and evidence, kept current while it runs. Provided by the page. */
@Injectable()
export class RunDetailStore {
  private readonly api = inject(RunsApi);
  private readonly rulesApi = inject(RulesApi);
  private readonly live = inject(RunLive);
  private readonly toasts = inject(ToastService);
  private readonly state = signal<RunDetailState>({
    id: null,
    run: null,
    loading: false,
    loadError: null,
    notFound: false,
    evidence: null,
    evidenceLoading: false,
    evidenceError: null,
    datasetName: null,
    starting: false,
  });
  private seq = 0;

  readonly run = computed(() => this.state().run);
  readonly loading = computed(() => this.state().loading);
  readonly loadError = computed(() => this.state().loadError);
  readonly notFound = computed(() => this.state().notFound);
  readonly evidence = computed(() => this.state().evidence);
  readonly evidenceLoading = computed(() => this.state().evidenceLoading);
  readonly evidenceError = computed(() => this.state().evidenceError);
  readonly datasetName = computed(() => this.state().datasetName);
  readonly starting = computed(() => this.state().starting);
  readonly active = computed(() => {
    const run = this.state().run;
    return run !== null && isActive(run);
  });
  readonly percent = computed(() => {
    const run = this.state().run;
    return run ? this.live.percent(run.id) : null;
  });

  constructor() {
    const destroyRef = inject(DestroyRef);
    this.live.updates.pipe(takeUntilDestroyed(destroyRef)).subscribe((run) => this.changed(run));
    this.live.reconnected.pipe(takeUntilDestroyed(destroyRef)).subscribe(() => {
      if (this.active()) void this.reload();
    });
    // Without the event stream, a running run is re-read every few seconds instead.
    const timer = setInterval(() => {
      if (this.active() && !this.live.connected()) void this.reload();
    }, POLL_MS);
    destroyRef.onDestroy(() => clearInterval(timer));
  }

  async load(id: string): Promise<void> {
    const seq = ++this.seq;
    this.state.update((s) => ({
      ...s,
      id,
      run: s.id === id ? s.run : null,
      loading: true,
      loadError: null,
      notFound: false,
      evidence: s.id === id ? s.evidence : null,
    }));
    try {
      const run = await firstValueFrom(this.api.get(id));
      if (seq !== this.seq) return;
      this.state.update((s) => ({ ...s, run, loading: false }));
      void this.loadDatasetName(run.datasetId);
      if (!isActive(run)) await this.loadEvidence(run, seq);
    } catch (error) {
      if (seq !== this.seq) return;
      const problem = toProblem(error);
      this.state.update((s) => ({
        ...s,
        loading: false,
        loadError: problem.message,
        notFound: problem.kind === 'not-found',
      }));
    }
  }

  reload(): Promise<void> {
    const id = this.state().id;
    return id ? this.load(id) : Promise.resolve();
  }

  /** Queues a new run of the same rule; resolves to its id (null when it could not be queued). */
  async runAgain(): Promise<string | null> {
    const run = this.state().run;
    if (!run) return null;
    this.state.update((s) => ({ ...s, starting: true }));
    try {
      const { runs } = await firstValueFrom(this.rulesApi.run({ ruleIds: [run.ruleId] }));
      this.toasts.success(`Run of “${run.ruleName}” queued.`);
      return runs[0]?.id ?? null;
    } catch {
      return null; // the interceptor has said why
    } finally {
      this.state.update((s) => ({ ...s, starting: false }));
    }
  }

  private async loadEvidence(run: RunWithPlanDto, seq: number): Promise<void> {
    // Nothing to fetch for a passing run, a run that ended in error, or pruned evidence.
    if (run.status !== 'failed' || !run.evidenceAvailable) {
      this.state.update((s) => ({ ...s, evidence: null, evidenceError: null }));
      return;
    }
    this.state.update((s) => ({ ...s, evidenceLoading: true, evidenceError: null }));
    try {
      const evidence = await firstValueFrom(this.api.evidence(run.id));
      if (seq !== this.seq) return;
      this.state.update((s) => ({ ...s, evidence, evidenceLoading: false }));
    } catch (error) {
      if (seq !== this.seq) return;
      this.state.update((s) => ({ ...s, evidenceLoading: false, evidenceError: toProblem(error).message }));
    }
  }

  private async loadDatasetName(datasetId: string): Promise<void> {
    try {
      const dataset = await firstValueFrom(this.rulesApi.dataset(datasetId));
      this.state.update((s) => ({ ...s, datasetName: dataset.name }));
    } catch {
      this.state.update((s) => ({ ...s, datasetName: null }));
    }
  }

  private changed(update: RunDetailDto): void {
    const current = this.state().run;
    if (!current || current.id !== update.id || isStaleRun(current, update)) return;
    if (isActive(update)) {
      this.state.update((s) => (s.run ? { ...s, run: { ...s.run, ...update } } : s));
    } else {
      void this.reload(); // finished: the plan and the evidence are ready now
    }
  }
}
