import { Injectable, computed, inject, signal } from '@angular/core';
import { AuditEntryDto, AuditVerifyResponse, UserDto } from '@dqw/shared-types';
import { firstValueFrom } from 'rxjs';
import { toProblem } from '../../core/http/api-problem';
import { AuditApi, AuditFilters } from './audit-api';

interface AuditState {
  actors: UserDto[];
  filters: AuditFilters;
  items: AuditEntryDto[];
  total: number;
  page: number;
  pageSize: number;
  loading: boolean;
  loadError: string | null;
  verifying: boolean;
  verify: AuditVerifyResponse | null;
  verifyError: string | null;
}

@Injectable()
export class AuditStore {
  private readonly api = inject(AuditApi);
  private readonly state = signal<AuditState>({
    actors: [],
    filters: {},
    items: [],
    total: 0,
    page: 1,
    pageSize: 25,
    loading: false,
    loadError: null,
    verifying: false,
    verify: null,
    verifyError: null,
  });
  /** Guards against an older, slower answer replacing a newer one (filters typed in quick succession). */
  private requestSeq = 0;

  readonly actors = computed(() => this.state().actors);
  readonly entries = computed(() => this.state().items);
  readonly total = computed(() => this.state().total);
  readonly page = computed(() => this.state().page);
  readonly pageSize = computed(() => this.state().pageSize);
  readonly filters = computed(() => this.state().filters);
  readonly loading = computed(() => this.state().loading);
  readonly loadError = computed(() => this.state().loadError);
  readonly verifying = computed(() => this.state().verifying);
  readonly verifyResult = computed(() => this.state().verify);
  readonly verifyError = computed(() => this.state().verifyError);
  readonly filtered = computed(() => Object.values(this.state().filters).some((v) => !!v));

  /** New filters start again at page 1. */
  applyFilters(filters: AuditFilters): Promise<void> {
    this.state.update((s) => ({ ...s, filters }));
    return this.load(1);
  }

  async load(page = this.state().page): Promise<void> {
    const seq = ++this.requestSeq;
    this.state.update((s) => ({ ...s, loading: true, loadError: null }));
    try {
      const { filters, pageSize } = this.state();
      const result = await firstValueFrom(this.api.list(filters, { page, pageSize }));
      if (seq !== this.requestSeq) return;
      this.state.update((s) => ({
        ...s,
        items: result.items,
        total: result.total,
        page: result.page,
        loading: false,
      }));
    } catch (error) {
      if (seq !== this.requestSeq) return;
      this.state.update((s) => ({ ...s, loading: false, loadError: toProblem(error).message }));
    }
  }

  /** Best effort: without the list the actor filter just offers the actor types. */
  async loadActors(): Promise<void> {
    try {
      const actors = await firstValueFrom(this.api.actors());
      this.state.update((s) => ({ ...s, actors }));
    } catch {
      // The table's own load shows any real problem (same server, same permissions).
    }
  }

  async verify(): Promise<void> {
    this.state.update((s) => ({ ...s, verifying: true, verify: null, verifyError: null }));
    try {
      const verify = await firstValueFrom(this.api.verify());
      this.state.update((s) => ({ ...s, verifying: false, verify }));
    } catch (error) {
      this.state.update((s) => ({ ...s, verifying: false, verifyError: toProblem(error).message }));
    }
  }
}
