import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { ApiTokenDto } from '@dqw/shared-types';
import { ConfirmDialog } from '../../../shared/ui/confirm-dialog/confirm-dialog';
import { EmptyState } from '../../../shared/ui/empty-state/empty-state';
import { TokenCreateForm } from '../token-create-form/token-create-form';
import { TokenCreated } from '../token-created/token-created';
import { TokensStore, tokenStatus } from '../tokens-store';
import { Skeleton } from '../../../shared/ui/skeleton/skeleton';

@Component({
  selector: 'dqw-token-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, EmptyState, ConfirmDialog, TokenCreateForm, TokenCreated, Skeleton],
  providers: [TokensStore],
  templateUrl: './token-list.html',
})
export class TokenList {
  protected readonly store = inject(TokensStore);
  protected readonly status = tokenStatus;
  protected readonly revoking = signal<ApiTokenDto | null>(null);

  constructor() {
    void this.store.load();
  }

  protected async confirmRevoke(): Promise<void> {
    const token = this.revoking();
    if (!token) return;
    await this.store.revoke(token);
    this.revoking.set(null);
  }
}
