import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { DatasetDto } from '@dqw/shared-types';
import { debounceTime, firstValueFrom, merge } from 'rxjs';
import { toProblem } from '../../core/http/api-problem';
import { LiveEvents } from '../../core/live/live-events';
import { DatasetsApi } from './datasets-api';

interface ListState {
  q: string;
  items: DatasetDto[];
  total: number;
  page: number;
  pageSize: number;
  loading: boolean;
  /** True once the first answer arrived (the empty state waits for it). */
  loaded: boolean;
  loadError: string | null;
}

/** The datasets list page: search, paging, and live refresh when a dataset changes. Provided by the page. */
@Injectable()
export class DatasetsStore {
  private readonly api = inject(DatasetsApi);
  private readonly state = signal<ListState>({
    q: '',
    items: [],
    total: 0,
    page: 1,
    pageSize: 25,
    loading: false,
    loaded: false,
    loadError: null,
  });
  private requestSeq = 0;

  readonly datasets = computed(() => this.state().items);
  readonly total = computed(() => this.state().total);
  readonly page = computed(() => this.state().page);
  readonly pageSize = computed(() => this.state().pageSize);
  readonly query = computed(() => this.state().q);
  readonly loading = computed(() => this.state().loading);
  readonly loaded = computed(() => this.state().loaded);
  readonly loadError = computed(() => this.state().loadError);
  /** No datasets at all (not just none matching a search): the page explains how to add one. */
  readonly empty = computed(() => this.state().loaded && this.state().total === 0 && !this.state().q);

  constructor() {
    const live = inject(LiveEvents);
    // A profile finished, a dataset was renamed or removed elsewhere: refresh, at most twice a second.
    const sub = merge(live.on('dataset.updated'), live.reconnected)
      .pipe(debounceTime(500))
      .subscribe(() => void this.load(this.state().page, { quiet: true }));
    inject(DestroyRef).onDestroy(() => sub.unsubscribe());
  }

  search(q: string): Promise<void> {
    this.state.update((s) => ({ ...s, q: q.trim() }));
    return this.load(1);
  }

  async load(page = this.state().page, options: { quiet?: boolean } = {}): Promise<void> {
    const seq = ++this.requestSeq;
    if (!options.quiet) this.state.update((s) => ({ ...s, loading: true, loadError: null }));
    try {
      const { q, pageSize } = this.state();
      const result = await firstValueFrom(this.api.list({ q: q || undefined, page, pageSize }));
      if (seq !== this.requestSeq) return; // a newer search or page wins
      // A refresh may find the page emptied (datasets deleted): show the last page that has rows.
      if (result.items.length === 0 && result.total > 0 && page > 1) {
        return this.load(Math.ceil(result.total / pageSize), options);
      }
      this.state.update((s) => ({
        ...s,
        items: result.items,
        total: result.total,
        page: result.page,
        loading: false,
        loaded: true,
        loadError: null,
      }));
    } catch (error) {
      if (seq !== this.requestSeq) return;
      this.state.update((s) => ({ ...s, loading: false, loadError: toProblem(error).message }));
    }
  }
}
