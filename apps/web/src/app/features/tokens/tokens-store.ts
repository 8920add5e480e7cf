import { Injectable, computed, inject, signal } from '@angular/core';
import { ApiTokenDto, CreateTokenRequest, CreatedTokenResponse } from '@dqw/shared-types';
import { firstValueFrom } from 'rxjs';
import { toProblem } from '../../core/http/api-problem';
import { ToastService } from '../../core/notify/toast-service';
import { TokensApi } from './tokens-api';

export type TokenStatus = 'active' | 'expired' | 'revoked';

interface TokensState {
  items: ApiTokenDto[];
  loading: boolean;
  loadError: string | null;
  /** The secret of the token just created; kept only in memory, until the user dismisses it. */
  created: CreatedTokenResponse | null;
  revoking: string | null;
}

export function tokenStatus(token: ApiTokenDto, now = Date.now()): TokenStatus {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt && Date.parse(token.expiresAt) <= now) return 'expired';
  return 'active';
}

@Injectable()
export class TokensStore {
  private readonly api = inject(TokensApi);
  private readonly toasts = inject(ToastService);
  private readonly state = signal<TokensState>({
    items: [],
    loading: false,
    loadError: null,
    created: null,
    revoking: null,
  });

  readonly tokens = computed(() => this.state().items);
  readonly loading = computed(() => this.state().loading);
  readonly loadError = computed(() => this.state().loadError);
  readonly created = computed(() => this.state().created);
  readonly revoking = computed(() => this.state().revoking);

  async load(): Promise<void> {
    this.state.update((s) => ({ ...s, loading: true, loadError: null }));
    try {
      const items = await firstValueFrom(this.api.list());
      this.state.update((s) => ({ ...s, items, loading: false }));
    } catch (error) {
      this.state.update((s) => ({ ...s, loading: false, loadError: toProblem(error).message }));
    }
  }

  /** Throws an ApiProblem for the form; on success the secret is held in `created` to show once. */
  async create(request: CreateTokenRequest): Promise<CreatedTokenResponse> {
    let created: CreatedTokenResponse;
    try {
      created = await firstValueFrom(this.api.create(request));
    } catch (error) {
      throw toProblem(error);
    }
    const { token: _secret, ...listed } = created;
    this.state.update((s) => ({
      ...s,
      created,
      items: [listed, ...s.items.filter((t) => t.id !== created.id)],
    }));
    return created;
  }

  dismissCreated(): void {
    this.state.update((s) => ({ ...s, created: null }));
  }

  async revoke(token: ApiTokenDto): Promise<boolean> {
    this.state.update((s) => ({ ...s, revoking: token.id }));
    try {
      await firstValueFrom(this.api.revoke(token.id));
      const revokedAt = new Date().toISOString();
      this.state.update((s) => ({
        ...s,
        items: s.items.map((t) => (t.id === token.id ? { ...t, revokedAt: t.revokedAt ?? revokedAt } : t)),
        created: s.created?.id === token.id ? null : s.created,
      }));
      this.toasts.success(`Token “${token.name}” is revoked; scripts using it can no longer sign in.`);
      return true;
    } catch {
      return false; // the interceptor has told the user why
    } finally {
      this.state.update((s) => ({ ...s, revoking: null }));
    }
  }
}
