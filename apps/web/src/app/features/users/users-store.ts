import { Injectable, computed, inject, signal } from '@angular/core';
import { CreateUserRequest, UpdateUserRequest, UserDto, UserListQuery } from '@dqw/shared-types';

export type UserFilters = Pick<UserListQuery, 'q' | 'role' | 'active'>;
import { firstValueFrom } from 'rxjs';
import { ApiProblem, toProblem } from '../../core/http/api-problem';
import { ToastService } from '../../core/notify/toast-service';
import { UsersApi } from './users-api';

interface UsersState {
  filters: UserFilters;
  items: UserDto[];
  total: number;
  page: number;
  pageSize: number;
  loading: boolean;
  loadError: string | null;
  /** Users with a change in flight; their row actions are disabled. */
  busy: ReadonlySet<string>;
}

/** State of the users page. Provided by the page, so it starts empty on every visit. */
@Injectable()
export class UsersStore {
  private readonly api = inject(UsersApi);
  private readonly toasts = inject(ToastService);
  private readonly state = signal<UsersState>({
    filters: {},
    items: [],
    total: 0,
    page: 1,
    pageSize: 25,
    loading: false,
    loadError: null,
    busy: new Set(),
  });

  readonly users = computed(() => this.state().items);
  readonly total = computed(() => this.state().total);
  readonly page = computed(() => this.state().page);
  readonly pageSize = computed(() => this.state().pageSize);
  readonly loading = computed(() => this.state().loading);
  readonly loadError = computed(() => this.state().loadError);
  readonly filtered = computed(() =>
    Object.values(this.state().filters).some((v) => v !== undefined && v !== ''),
  );
  private requestSeq = 0;

  isBusy(id: string): boolean {
    return this.state().busy.has(id);
  }

  /** New filters start again at page 1. */
  applyFilters(filters: UserFilters): Promise<void> {
    this.state.update((s) => ({ ...s, filters }));
    return this.load(1);
  }

  async load(page = this.state().page): Promise<void> {
    const seq = ++this.requestSeq;
    this.state.update((s) => ({ ...s, loading: true, loadError: null }));
    try {
      const { filters, pageSize } = this.state();
      const result = await firstValueFrom(this.api.list({ ...filters, page, pageSize }));
      if (seq !== this.requestSeq) return; // a newer request (other filters or page) wins
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

  /** Creates the user and refreshes the list; throws an {@link ApiProblem} for the form to show. */
  async create(request: CreateUserRequest): Promise<UserDto> {
    let user: UserDto;
    try {
      user = await firstValueFrom(this.api.create(request));
    } catch (error) {
      throw toProblem(error);
    }
    this.toasts.success(`${user.email} can now sign in.`);
    await this.load();
    return user;
  }

  /** Edits from a dialog: errors go back to the dialog. */
  async save(id: string, patch: UpdateUserRequest): Promise<UserDto> {
    try {
      const user = await firstValueFrom(this.api.update(id, patch, { inline: true }));
      this.replace(user);
      this.toasts.success(`Saved changes to ${user.email}.`);
      return user;
    } catch (error) {
      throw toProblem(error);
    }
  }

  /** One-click row actions; failures are announced by the interceptor's toast. */
  async setActive(user: UserDto, active: boolean): Promise<boolean> {
    return this.rowAction(
      user,
      { active },
      active ? `${user.email} is active again.` : `${user.email} is deactivated.`,
    );
  }

  async unlock(user: UserDto): Promise<boolean> {
    return this.rowAction(user, { locked: false }, `${user.email} is unlocked and can sign in again.`);
  }

  private async rowAction(user: UserDto, patch: UpdateUserRequest, success: string): Promise<boolean> {
    this.setBusy(user.id, true);
    try {
      this.replace(await firstValueFrom(this.api.update(user.id, patch)));
      this.toasts.success(success);
      return true;
    } catch (error) {
      if (!(error instanceof ApiProblem)) this.toasts.error(toProblem(error).message);
      return false;
    } finally {
      this.setBusy(user.id, false);
    }
  }

  private replace(user: UserDto): void {
    this.state.update((s) => ({ ...s, items: s.items.map((u) => (u.id === user.id ? user : u)) }));
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
