import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  DatasetDetailDto,
  EvidenceDto,
  IncidentAssigneeDto,
  IncidentDetailDto,
  IncidentEventDto,
  IsoDateTime,
  ResolutionReason,
  RunWithPlanDto,
  UpdateIncidentRequest,
} from '@dqw/shared-types';
import { firstValueFrom } from 'rxjs';
import { AuthStore } from '../../core/auth/auth-store';
import { ApiProblem, toProblem } from '../../core/http/api-problem';
import { ToastService } from '../../core/notify/toast-service';
import { RunsApi } from '../runs/runs-api';
import { IncidentAction, incidentActions, transitionConflictText } from './incident-actions';
import { IncidentLive } from './incident-live';
import { IncidentsApi } from './incidents-api';

/** Earlier timeline events are fetched this many at a time. */
export const TIMELINE_PAGE = 100;
/** Live changes to the open incident are re-read after this pause (several often come at once). */
export const LIVE_RELOAD_MS = 400;

interface DetailState {
  id: string | null;
  incident: IncidentDetailDto | null;
  loading: boolean;
  loadError: string | null;
  /** The incident doesn't exist (deleted with its rule, or a wrong link): nothing to retry. */
  notFound: boolean;
  /** Events older than the detail's latest ones, fetched on demand. */
  earlier: IncidentEventDto[];
  earlierLoading: boolean;
  run: RunWithPlanDto | null;
  evidence: EvidenceDto | null;
  evidenceLoading: boolean;
  evidenceError: string | null;
  datasetName: string | null;
  assignees: IncidentAssigneeDto[];
  /** The action in flight; the buttons wait for it. */
  busy: IncidentAction | null;
  /** Why the last toolbar action failed, in plain words. */
  actionError: string | null;
}

/** Outcome of an action started from a dialog: the dialog shows `message` when it failed. */
export type ActionResult = { ok: true } | { ok: false; message: string };

/** One incident with its timeline, evidence and the actions the user may take. Provided by the page. */
@Injectable()
export class IncidentDetailStore {
  private readonly api = inject(IncidentsApi);
  private readonly runsApi = inject(RunsApi);
  private readonly toasts = inject(ToastService);
  private readonly auth = inject(AuthStore);
  private readonly state = signal<DetailState>({
    id: null,
    incident: null,
    loading: false,
    loadError: null,
    notFound: false,
    earlier: [],
    earlierLoading: false,
    run: null,
    evidence: null,
    evidenceLoading: false,
    evidenceError: null,
    datasetName: null,
    assignees: [],
    busy: null,
    actionError: null,
  });
  private seq = 0;
  private reloadTimer: ReturnType<typeof setTimeout> | null = null;

  readonly incident = computed(() => this.state().incident);
  readonly loading = computed(() => this.state().loading);
  readonly loadError = computed(() => this.state().loadError);
  readonly notFound = computed(() => this.state().notFound);
  readonly run = computed(() => this.state().run);
  readonly evidence = computed(() => this.state().evidence);
  readonly evidenceLoading = computed(() => this.state().evidenceLoading);
  readonly evidenceError = computed(() => this.state().evidenceError);
  readonly datasetName = computed(() => this.state().datasetName);
  readonly assignees = computed(() => this.state().assignees);
  readonly busy = computed(() => this.state().busy);
  readonly actionError = computed(() => this.state().actionError);
  readonly earlierLoading = computed(() => this.state().earlierLoading);
  readonly actions = computed(() => {
    const incident = this.state().incident;
    return incident ? incidentActions(this.auth.role(), incident) : new Set<IncidentAction>();
  });
  /** Every loaded event, oldest first, each once. */
  readonly timeline = computed(() => {
    const { earlier, incident } = this.state();
    const byId = new Map<string, IncidentEventDto>();
    for (const e of [...earlier, ...(incident?.timeline ?? [])]) byId.set(e.id, e);
    return [...byId.values()].sort((a, b) => a.at.localeCompare(b.at) || Number(a.id) - Number(b.id));
  });
  /** Events not loaded yet (older than those shown). */
  readonly hiddenEvents = computed(() => {
    const incident = this.state().incident;
    return incident ? Math.max(0, incident.timelineTotal - this.timeline().length) : 0;
  });

  constructor() {
    const destroyRef = inject(DestroyRef);
    const live = inject(IncidentLive);
    live.updates.pipe(takeUntilDestroyed(destroyRef)).subscribe((update) => {
      if (update.id === this.state().id) this.scheduleReload();
    });
    live.reconnected.pipe(takeUntilDestroyed(destroyRef)).subscribe(() => this.scheduleReload());
    destroyRef.onDestroy(() => {
      if (this.reloadTimer !== null) clearTimeout(this.reloadTimer);
    });
  }

  assigneeName(id: string | null): string {
    if (!id) return 'Nobody';
    if (id === this.auth.user()?.id)
      return `You (${this.auth.user()?.displayName || this.auth.user()?.email})`;
    return this.state().assignees.find((a) => a.id === id)?.displayName ?? 'A former member';
  }

  async load(id: string): Promise<void> {
    const seq = ++this.seq;
    const same = this.state().id === id;
    this.state.update((s) => ({
      ...s,
      id,
      incident: same ? s.incident : null,
      earlier: same ? s.earlier : [],
      run: same ? s.run : null,
      evidence: same ? s.evidence : null,
      datasetName: same ? s.datasetName : null,
      loading: true,
      loadError: null,
      notFound: false,
    }));
    if (!same) void this.loadAssignees();
    try {
      const incident = await firstValueFrom(this.api.get(id));
      if (seq !== this.seq) return;
      const previous = this.state().incident;
      this.state.update((s) => ({ ...s, incident, loading: false }));
      if (!same || !this.state().datasetName) void this.loadDatasetName(incident.datasetId);
      if (!previous || previous.lastEvidenceRunId !== incident.lastEvidenceRunId || !this.state().run) {
        await this.loadEvidence(incident.lastEvidenceRunId, seq);
      }
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

  clearActionError(): void {
    this.state.update((s) => ({ ...s, actionError: null }));
  }

  acknowledge(): Promise<ActionResult> {
    return this.change('acknowledge', { status: 'ACKNOWLEDGED' }, 'Incident acknowledged.');
  }

  unmute(): Promise<ActionResult> {
    return this.change('unmute', { status: 'OPEN' }, 'Incident unmuted: it is open again.');
  }

  /** `until` null: muted until someone unmutes it. */
  mute(until: IsoDateTime | null, note: string): Promise<ActionResult> {
    const incident = this.state().incident;
    const action: IncidentAction = incident?.status === 'MUTED' ? 'change-mute' : 'mute';
    return this.change(
      action,
      { status: 'MUTED', mutedUntil: until, ...(note.trim() ? { note: note.trim() } : {}) },
      until ? 'Incident muted until the time you chose.' : 'Incident muted until someone unmutes it.',
    );
  }

  resolve(reason: ResolutionReason, note: string): Promise<ActionResult> {
    return this.change(
      'resolve',
      { status: 'RESOLVED', resolutionReason: reason, note: note.trim() },
      'Incident resolved.',
    );
  }

  assign(assigneeId: string | null): Promise<ActionResult> {
    return this.change(
      'assign',
      { assigneeId },
      assigneeId ? `Assigned to ${this.assigneeName(assigneeId)}.` : 'Nobody is assigned now.',
    );
  }

  /** Adds a comment; resolves to false (with the reason in `actionError`) when it was refused. */
  async comment(body: string): Promise<ActionResult> {
    const incident = this.state().incident;
    if (!incident) return { ok: false, message: 'The incident is not loaded.' };
    this.state.update((s) => ({ ...s, busy: 'comment', actionError: null }));
    try {
      const event = await firstValueFrom(this.api.comment(incident.id, body));
      this.state.update((s) =>
        s.incident && s.incident.id === incident.id
          ? {
              ...s,
              incident: {
                ...s.incident,
                timeline: [...s.incident.timeline, event],
                timelineTotal: s.incident.timelineTotal + 1,
              },
            }
          : s,
      );
      return { ok: true };
    } catch (error) {
      return { ok: false, message: this.explain(toProblem(error)) };
    } finally {
      this.state.update((s) => ({ ...s, busy: null }));
    }
  }

  /** Fetches the events just before the oldest one shown. */
  async loadEarlier(): Promise<void> {
    const incident = this.state().incident;
    if (!incident || this.hiddenEvents() === 0) return;
    // Events are numbered oldest first; fetch the page that holds the newest hidden one.
    const end = this.hiddenEvents();
    const page = Math.max(1, Math.ceil(end / TIMELINE_PAGE));
    this.state.update((s) => ({ ...s, earlierLoading: true }));
    try {
      const result = await firstValueFrom(this.api.timeline(incident.id, page, TIMELINE_PAGE));
      this.state.update((s) => ({ ...s, earlier: [...result.items, ...s.earlier], earlierLoading: false }));
    } catch (error) {
      this.state.update((s) => ({ ...s, earlierLoading: false }));
      this.toasts.error(toProblem(error).message);
    }
  }

  private async change(
    action: IncidentAction,
    body: UpdateIncidentRequest,
    success: string,
  ): Promise<ActionResult> {
    const incident = this.state().incident;
    if (!incident) return { ok: false, message: 'The incident is not loaded.' };
    this.state.update((s) => ({ ...s, busy: action, actionError: null }));
    try {
      await firstValueFrom(this.api.update(incident.id, body));
      this.toasts.success(success);
      await this.reload();
      return { ok: true };
    } catch (error) {
      const problem = toProblem(error);
      const message = this.explain(problem);
      this.state.update((s) => ({ ...s, actionError: message }));
      // Someone else changed it: show what it is now, with the actions that are possible now.
      if (problem.kind === 'conflict' || problem.kind === 'not-found') void this.reload();
      return { ok: false, message };
    } finally {
      this.state.update((s) => ({ ...s, busy: null }));
    }
  }

  private explain(problem: ApiProblem): string {
    if (problem.kind === 'conflict') return transitionConflictText(problem);
    if (problem.kind === 'not-found') return 'This incident no longer exists.';
    return problem.message;
  }

  private async loadEvidence(runId: string | null, seq: number): Promise<void> {
    if (!runId) {
      this.state.update((s) => ({ ...s, run: null, evidence: null, evidenceError: null }));
      return;
    }
    this.state.update((s) => ({ ...s, evidenceLoading: true, evidenceError: null }));
    try {
      const run = await firstValueFrom(this.runsApi.get(runId));
      const evidence = run.evidenceAvailable ? await firstValueFrom(this.runsApi.evidence(runId)) : null;
      if (seq !== this.seq) return;
      this.state.update((s) => ({ ...s, run, evidence, evidenceLoading: false }));
    } catch (error) {
      if (seq !== this.seq) return;
      this.state.update((s) => ({
        ...s,
        evidenceLoading: false,
        evidenceError: toProblem(error).message,
      }));
    }
  }

  private async loadDatasetName(datasetId: string): Promise<void> {
    try {
      const dataset: DatasetDetailDto = await firstValueFrom(this.api.dataset(datasetId));
      this.state.update((s) => ({ ...s, datasetName: dataset.name }));
    } catch {
      this.state.update((s) => ({ ...s, datasetName: null }));
    }
  }

  private async loadAssignees(): Promise<void> {
    try {
      const assignees = await firstValueFrom(this.api.assignees());
      this.state.update((s) => ({ ...s, assignees }));
    } catch {
      // The picker shows only "Nobody" then; the page stays usable.
    }
  }

  private scheduleReload(): void {
    if (this.reloadTimer !== null) clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => {
      this.reloadTimer = null;
      if (this.state().busy === null) void this.reload();
    }, LIVE_RELOAD_MS);
  }
}
