import { ChangeDetectionStrategy, Component, inject, output, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Role, Roles } from '@dqw/shared-types';
import { ApiProblem, toProblem } from '../../../core/http/api-problem';
import { ServerErrors } from '../../../shared/forms/server-errors';
import { Dialog } from '../../../shared/ui/dialog/dialog';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, ROLE_OPTIONS } from '../user-labels';
import { UsersStore } from '../users-store';

type Field = 'email' | 'displayName' | 'role' | 'password';
const FIELDS: readonly Field[] = ['email', 'displayName', 'role', 'password'];

@Component({
  selector: 'dqw-user-create-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, Dialog],
  templateUrl: './user-create-dialog.html',
})
export class UserCreateDialog {
  readonly closed = output<void>();
  private readonly store = inject(UsersStore);
  protected readonly roles = ROLE_OPTIONS;
  protected readonly minLength = PASSWORD_MIN_LENGTH;
  protected readonly form = inject(FormBuilder).nonNullable.group({
    email: ['', [Validators.required, Validators.email, Validators.maxLength(254)]],
    displayName: ['', [Validators.maxLength(120)]],
    role: [Roles.Analyst as Role, [Validators.required]],
    password: [
      '',
      [
        Validators.required,
        Validators.minLength(PASSWORD_MIN_LENGTH),
        Validators.maxLength(PASSWORD_MAX_LENGTH),
      ],
    ],
  });
  protected readonly server = new ServerErrors<Field>(this.form.controls);
  protected readonly submitted = signal(false);
  protected readonly saving = signal(false);
  protected readonly showPassword = signal(false);
  protected readonly passwordLength = toSignal(this.form.controls.password.valueChanges, {
    initialValue: '',
  });

  /** The first problem of a field: the server's, or the form's own check once the user has touched it. */
  protected errorFor(field: Field): string | null {
    const fromServer = this.server.field(field);
    if (fromServer) return fromServer;
    const control = this.form.controls[field];
    if (!control.invalid || !(control.touched || this.submitted())) return null;
    switch (field) {
      case 'email':
        return control.hasError('required') ? 'Enter an email address.' : 'Enter a valid email address.';
      case 'displayName':
        return 'Use at most 120 characters.';
      case 'role':
        return 'Choose a role.';
      case 'password':
        if (control.hasError('required')) return 'Set an initial password.';
        if (control.hasError('minlength')) return `Use at least ${PASSWORD_MIN_LENGTH} characters.`;
        return `Use at most ${PASSWORD_MAX_LENGTH} characters.`;
    }
  }

  protected async submit(): Promise<void> {
    this.submitted.set(true);
    this.server.clear();
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.saving.set(true);
    const value = this.form.getRawValue();
    try {
      await this.store.create({
        email: value.email.trim(),
        displayName: value.displayName.trim() || undefined,
        role: value.role,
        password: value.password,
      });
      this.closed.emit();
    } catch (error) {
      const problem = error instanceof ApiProblem ? error : toProblem(error);
      this.server.set(problem, FIELDS);
    } finally {
      this.saving.set(false);
    }
  }
}
