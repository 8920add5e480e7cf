import { Injectable, computed, inject, signal } from '@angular/core';
import { LoginRequest, MeResponse, Role } from '@dqw/shared-types';
import { firstValueFrom } from 'rxjs';
import { ApiProblem, toProblem } from '../http/api-problem';
import { AuthApi } from './auth-api';

/** `unknown`: not asked yet; `loading`: asking `/api/auth/me`. */
export type AuthStatus = 'unknown' | 'loading' | 'authenticated' | 'anonymous';

interface AuthState {
  status: AuthStatus;
  me: MeResponse | null;
  /** Why the session could not be checked (server down…), shown on the login page. */
  problem: ApiProblem | null;
}

/** Who is signed in. Loaded once from `/api/auth/me`, updated by login, logout and expired sessions. */
@Injectable({ providedIn: 'root' })
export class AuthStore {
  private readonly api = inject(AuthApi);
  private readonly state = signal<AuthState>({ status: 'unknown', me: null, problem: null });
  private pending: Promise<boolean> | null = null;

  readonly status = computed(() => this.state().status);
  readonly user = computed(() => this.state().me?.user ?? null);
  readonly role = computed<Role | null>(() => this.user()?.role ?? null);
  readonly isAuthenticated = computed(() => this.state().status === 'authenticated');
  readonly csrfToken = computed(() => this.state().me?.csrfToken ?? null);
  readonly problem = computed(() => this.state().problem);

  /** Resolves to whether someone is signed in, asking the server only the first time. */
  ensureLoaded(): Promise<boolean> {
    const { status } = this.state();
    if (status === 'authenticated') return Promise.resolve(true);
    if (status === 'anonymous') return Promise.resolve(false);
    return this.refresh();
  }

  /** Asks the server again (e.g. to pick up a new CSRF token). Concurrent callers share one request. */
  refresh(): Promise<boolean> {
    this.pending ??= this.fetchMe().finally(() => (this.pending = null));
    return this.pending;
  }

  async login(credentials: LoginRequest): Promise<void> {
    try {
      const me = await firstValueFrom(this.api.login(credentials));
      this.state.set({ status: 'authenticated', me, problem: null });
    } catch (error) {
      throw toProblem(error);
    }
  }

  /** Ends the session on the server; locally it ends even when the server can't be reached. */
  async logout(): Promise<void> {
    try {
      await firstValueFrom(this.api.logout());
    } catch {
      // The cookie may already be gone; the user still expects to be signed out here.
    } finally {
      this.signedOut();
    }
  }

  /** The server said the session is over (401); forget the user without another request. */
  signedOut(): void {
    this.state.set({ status: 'anonymous', me: null, problem: null });
  }

  hasRole(...roles: Role[]): boolean {
    const role = this.role();
    return role !== null && roles.includes(role);
  }

  private async fetchMe(): Promise<boolean> {
    this.state.update((s) => ({ ...s, status: s.status === 'authenticated' ? s.status : 'loading' }));
    try {
      const me = await firstValueFrom(this.api.me());
      this.state.set({ status: 'authenticated', me, problem: null });
      return true;
    } catch (error) {
      const problem = toProblem(error);
      this.state.set({
        status: 'anonymous',
        me: null,
        problem: problem.kind === 'unauthenticated' ? null : problem,
      });
      return false;
    }
  }
}
