import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  BulkIncidentAction,
  BulkIncidentRequest,
  DatasetDto,
  IncidentAssigneeDto,
  IncidentCounts,
  IncidentDto,
  RuleDetailDto,
} from '@dqw/shared-types';
import { firstValueFrom } from 'rxjs';
import { AuthStore } from '../../core/auth/auth-store';
import { toProblem } from '../../core/http/api-problem';
import { ToastService } from '../../core/notify/toast-service';
import { BULK_ACTIONS, bulkTargets } from './incident-actions';
import { IncidentFilters, defaultFilters, isNarrowed, toListQuery } from './incident-filters';
import { IncidentLive } from './incident-live';
import { IncidentsApi } from './incidents-api';

export const PAGE_SIZE = 25;
/** Live changes are applied at once; the counts and new incidents follow after this pause. */
export const LIVE_REFRESH_MS = 1500;

/** What a bulk action did, for the message under the toolbar. */
export interface BulkReport {
  action: BulkIncidentAction;
  succeeded: number;
  /** Selected incidents the action does not apply to (e.g. acknowledging a resolved one). */
  skipped: number;
  failures: { id: string; title: string; error: string }[];
}

/** Extra fields of a bulk action (mute end, resolution, assignee, note). */
export type BulkOptions = Omit<BulkIncidentRequest, 'ids' | 'action'>;

interface IncidentsState {
  filters: IncidentFilters;
  items: IncidentDto[];
  total: number;
  counts: IncidentCounts | null;
  loading: boolean;
  loadError: string | null;
  /** Ids of selected incidents on the current page. */
  selected: ReadonlySet<string>;
  bulkBusy: boolean;
  bulkReport: BulkReport | null;
  datasets: DatasetDto[];
  rules: RuleDetailDto[];
  assignees: IncidentAssigneeDto[];
}

/** State of the triage view. Provided by the page, so it starts fresh on every visit. */
@Injectable()
export class IncidentsStore {
  private readonly api = inject(IncidentsApi);
  private readonly toasts = inject(ToastService);
  private readonly auth = inject(AuthStore);
  private readonly state = signal<IncidentsState>({
    filters: defaultFilters(),
    items: [],
    total: 0,
    counts: null,
    loading: false,
    loadError: null,
    selected: new Set(),
    bulkBusy: false,
    bulkReport: null,
    datasets: [],
    rules: [],
    assignees: [],
  });
  private requestSeq = 0;
  private refreshTimer: ReturnType<typeof setTimeout> | null = null;

  readonly filters = computed(() => this.state().filters);
  readonly incidents = computed(() => this.state().items);
  readonly total = computed(() => this.state().total);
  readonly counts = computed(() => this.state().counts);
  readonly page = computed(() => this.state().filters.page);
  readonly pageSize = PAGE_SIZE;
  readonly loading = computed(() => this.state().loading);
  readonly loadError = computed(() => this.state().loadError);
  readonly narrowed = computed(() => isNarrowed(this.state().filters));
  readonly datasets = computed(() => this.state().datasets);
  readonly rules = computed(() => this.state().rules);
  readonly assignees = computed(() => this.state().assignees);
  readonly bulkBusy = computed(() => this.state().bulkBusy);
  readonly bulkReport = computed(() => this.state().bulkReport);
  readonly selectedIncidents = computed(() => {
    const { items, selected } = this.state();
    return items.filter((i) => selected.has(i.id));
  });
  readonly allSelected = computed(() => {
    const { items, selected } = this.state();
    return items.length > 0 && items.every((i) => selected.has(i.id));
  });
  /** No incident has ever opened (the counts ignore the status and severity filters). */
  readonly nothingEver = computed(() => {
    const counts = this.state().counts;
    return counts !== null && Object.values(counts.status).every((n) => n === 0);
  });
  private readonly datasetNames = computed(() => new Map(this.state().datasets.map((d) => [d.id, d.name])));
  private readonly assigneeNames = computed(
    () => new Map(this.state().assignees.map((a) => [a.id, a.displayName])),
  );

  constructor() {
    const destroyRef = inject(DestroyRef);
    const live = inject(IncidentLive);
    live.updates.pipe(takeUntilDestroyed(destroyRef)).subscribe((incident) => this.changed(incident));
    live.reconnected.pipe(takeUntilDestroyed(destroyRef)).subscribe(() => void this.load());
    destroyRef.onDestroy(() => this.cancelRefresh());
  }

  datasetName(id: string): string {
    return this.datasetNames().get(id) ?? 'Unknown dataset';
  }

  /** "You", a name, or null when unassigned. */
  assigneeName(id: string | null): string | null {
    if (!id) return null;
    if (id === this.auth.user()?.id) return 'You';
    return this.assigneeNames().get(id) ?? 'A former member';
  }

  isSelected(id: string): boolean {
    return this.state().selected.has(id);
  }

  /** New filters (or a new page, sort…): loads the matching page. */
  apply(filters: IncidentFilters): Promise<void> {
    this.state.update((s) => ({ ...s, filters }));
    return this.load();
  }

  async load(): Promise<void> {
    this.cancelRefresh();
    const seq = ++this.requestSeq;
    this.state.update((s) => ({ ...s, loading: true, loadError: null }));
    try {
      const result = await firstValueFrom(this.api.list(toListQuery(this.state().filters, PAGE_SIZE)));
      if (seq !== this.requestSeq) return; // a newer request (other filters or page) wins
      this.state.update((s) => {
        const ids = new Set(result.items.map((i) => i.id));
        return {
          ...s,
          items: result.items,
          total: result.total,
          counts: result.counts,
          loading: false,
          // A selection only covers incidents the user can still see.
          selected: new Set([...s.selected].filter((id) => ids.has(id))),
        };
      });
    } catch (error) {
      if (seq !== this.requestSeq) return;
      this.state.update((s) => ({ ...s, loading: false, loadError: toProblem(error).message }));
    }
  }

  /** Names and pickers; the table works without them, so failures are quiet. */
  async loadLookups(): Promise<void> {
    const [datasets, assignees] = await Promise.all([
      firstValueFrom(this.api.datasets()).catch(() => null),
      firstValueFrom(this.api.assignees()).catch(() => null),
    ]);
    this.state.update((s) => ({
      ...s,
      datasets: datasets?.items ?? s.datasets,
      assignees: assignees ?? s.assignees,
    }));
  }

  /** Rules for the rule filter: those of the chosen dataset, or the first 200 of all. */
  async loadRules(datasetId: string | null): Promise<void> {
    try {
      const page = await firstValueFrom(this.api.rules(datasetId ?? undefined));
      this.state.update((s) => ({ ...s, rules: page.items }));
    } catch {
      this.state.update((s) => ({ ...s, rules: [] }));
    }
  }

  toggle(id: string): void {
    this.state.update((s) => {
      const selected = new Set(s.selected);
      if (selected.has(id)) selected.delete(id);
      else selected.add(id);
      return { ...s, selected };
    });
  }

  selectAll(on: boolean): void {
    this.state.update((s) => ({ ...s, selected: new Set(on ? s.items.map((i) => i.id) : []) }));
  }

  clearSelection(): void {
    this.state.update((s) => ({ ...s, selected: new Set() }));
  }

  dismissReport(): void {
    this.state.update((s) => ({ ...s, bulkReport: null }));
  }

  /**
   * Runs a bulk action on the selected incidents it applies to. Resolves to null when it was done (or
   * partly done: see {@link bulkReport}), or to the reason the request as a whole was refused.
   */
  async bulk(action: BulkIncidentAction, options: BulkOptions = {}): Promise<string | null> {
    const selected = this.selectedIncidents();
    const { ids, skipped } = bulkTargets(action, selected);
    if (ids.length === 0)
      return 'None of the selected incidents can take this action in their current status.';
    this.state.update((s) => ({ ...s, bulkBusy: true, bulkReport: null }));
    try {
      const response = await firstValueFrom(this.api.bulk({ ids, action, ...options }));
      const titles = new Map(selected.map((i) => [i.id, i.title]));
      const changed = new Map(
        response.results.filter((r) => r.ok && r.incident).map((r) => [r.id, r.incident as IncidentDto]),
      );
      this.state.update((s) => ({
        ...s,
        items: s.items.map((i) => changed.get(i.id) ?? i),
        selected: new Set(),
        bulkReport: {
          action,
          succeeded: response.succeeded,
          skipped,
          failures: response.results
            .filter((r) => !r.ok)
            .map((r) => ({ id: r.id, title: titles.get(r.id) ?? r.id, error: r.error ?? 'Refused.' })),
        },
      }));
      if (response.failed === 0 && skipped === 0) {
        const done = BULK_ACTIONS.find((a) => a.action === action)?.done ?? 'changed';
        this.toasts.success(`${response.succeeded} incident${response.succeeded === 1 ? '' : 's'} ${done}.`);
      }
      this.scheduleRefresh(0);
      return null;
    } catch (error) {
      return toProblem(error).message;
    } finally {
      this.state.update((s) => ({ ...s, bulkBusy: false }));
    }
  }

  /** A live change: replace the row at once, then refresh counts and membership shortly after. */
  private changed(incident: IncidentDto): void {
    this.state.update((s) =>
      s.items.some((i) => i.id === incident.id)
        ? { ...s, items: s.items.map((i) => (i.id === incident.id ? incident : i)) }
        : s,
    );
    this.scheduleRefresh(LIVE_REFRESH_MS);
  }

  private scheduleRefresh(delay: number): void {
    this.cancelRefresh();
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = null;
      void this.load();
    }, delay);
  }

  private cancelRefresh(): void {
    if (this.refreshTimer !== null) clearTimeout(this.refreshTimer);
    this.refreshTimer = null;
  }
}
