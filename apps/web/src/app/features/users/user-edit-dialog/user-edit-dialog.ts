import { ChangeDetectionStrategy, Component, OnInit, inject, input, output, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Role, UpdateUserRequest, UserDto } from '@dqw/shared-types';
import { toProblem } from '../../../core/http/api-problem';
import { ServerErrors } from '../../../shared/forms/server-errors';
import { Dialog } from '../../../shared/ui/dialog/dialog';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, ROLE_OPTIONS } from '../user-labels';
import { UsersStore } from '../users-store';

type Field = 'displayName' | 'role' | 'password';
const FIELDS: readonly Field[] = ['displayName', 'role', 'password'];

/** Change a user's name, role, or set a new password (the way to help someone who forgot theirs). */
@Component({
  selector: 'dqw-user-edit-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, Dialog],
  templateUrl: './user-edit-dialog.html',
})
export class UserEditDialog implements OnInit {
  readonly user = input.required<UserDto>();
  readonly isSelf = input(false);
  readonly closed = output<void>();
  private readonly store = inject(UsersStore);
  protected readonly roles = ROLE_OPTIONS;
  protected readonly minLength = PASSWORD_MIN_LENGTH;
  protected readonly form = inject(FormBuilder).nonNullable.group({
    displayName: ['', [Validators.maxLength(120)]],
    role: ['Analyst' as Role, [Validators.required]],
    password: ['', [Validators.minLength(PASSWORD_MIN_LENGTH), Validators.maxLength(PASSWORD_MAX_LENGTH)]],
  });
  protected readonly server = new ServerErrors<Field>(this.form.controls);
  protected readonly saving = signal(false);

  ngOnInit(): void {
    this.form.reset({ displayName: this.user().displayName ?? '', role: this.user().role, password: '' });
  }

  protected errorFor(field: Field): string | null {
    const fromServer = this.server.field(field);
    if (fromServer) return fromServer;
    const control = this.form.controls[field];
    if (!control.invalid || !control.touched) return null;
    if (field === 'password') {
      return control.hasError('minlength')
        ? `Use at least ${PASSWORD_MIN_LENGTH} characters.`
        : `Use at most ${PASSWORD_MAX_LENGTH} characters.`;
    }
    return field === 'displayName' ? 'Use at most 120 characters.' : 'Choose a role.';
  }

  protected async submit(): Promise<void> {
    this.server.clear();
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const value = this.form.getRawValue();
    const user = this.user();
    const patch: UpdateUserRequest = {};
    if (value.displayName.trim() !== (user.displayName ?? '')) patch.displayName = value.displayName.trim();
    if (value.role !== user.role) patch.role = value.role;
    if (value.password) patch.password = value.password;
    if (Object.keys(patch).length === 0) {
      this.closed.emit();
      return;
    }
    this.saving.set(true);
    try {
      await this.store.save(user.id, patch);
      this.closed.emit();
    } catch (error) {
      this.server.set(toProblem(error), FIELDS);
    } finally {
      this.saving.set(false);
    }
  }
}
