import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule } from '@angular/forms';
import { Role, UserDto } from '@dqw/shared-types';
import { AuthStore } from '../../../core/auth/auth-store';
import { ConfirmDialog } from '../../../shared/ui/confirm-dialog/confirm-dialog';
import { EmptyState } from '../../../shared/ui/empty-state/empty-state';
import { Icon } from '../../../shared/ui/icon/icon';
import { Pager } from '../../../shared/ui/pager/pager';
import { UserCreateDialog } from '../user-create-dialog/user-create-dialog';
import { UserEditDialog } from '../user-edit-dialog/user-edit-dialog';
import { ROLE_OPTIONS, roleLabel } from '../user-labels';
import { UsersStore } from '../users-store';
import { Skeleton } from '../../../shared/ui/skeleton/skeleton';

@Component({
  selector: 'dqw-user-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    DatePipe,
    Icon,
    Pager,
    EmptyState,
    ConfirmDialog,
    UserCreateDialog,
    UserEditDialog,
    Skeleton,
  ],
  providers: [UsersStore],
  templateUrl: './user-list.html',
})
export class UserList {
  protected readonly store = inject(UsersStore);
  protected readonly auth = inject(AuthStore);
  protected readonly roleLabel = roleLabel;
  protected readonly creating = signal(false);
  protected readonly editing = signal<UserDto | null>(null);
  protected readonly deactivating = signal<UserDto | null>(null);
  protected readonly roles = ROLE_OPTIONS;
  protected readonly filters = inject(FormBuilder).nonNullable.group({
    q: [''],
    role: ['' as Role | ''],
    status: ['' as '' | 'active' | 'inactive'],
  });

  constructor() {
    void this.store.load(1);
  }

  protected applyFilters(): void {
    const { q, role, status } = this.filters.getRawValue();
    void this.store.applyFilters({
      q: q.trim() || undefined,
      role: role || undefined,
      active: status === '' ? undefined : status === 'active',
    });
  }

  protected clearFilters(): void {
    this.filters.reset();
    void this.store.applyFilters({});
  }

  protected isSelf(user: UserDto): boolean {
    return user.id === this.auth.user()?.id;
  }

  protected async confirmDeactivate(): Promise<void> {
    const user = this.deactivating();
    if (!user) return;
    await this.store.setActive(user, false);
    this.deactivating.set(null);
  }
}
