import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router } from '@angular/router';
import { AuthStore } from '../../../core/auth/auth-store';
import { safeReturnUrl } from '../../../core/auth/return-url';
import { ApiProblem } from '../../../core/http/api-problem';
import { ThemeToggle } from '../../../core/shell/theme-toggle/theme-toggle';
import { Icon } from '../../../shared/ui/icon/icon';

@Component({
  selector: 'dqw-login-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, Icon, ThemeToggle],
  templateUrl: './login-page.html',
  styleUrl: './login-page.scss',
})
export class LoginPage {
  /** Where to go after signing in (bound from the query string). */
  readonly returnUrl = input<string | undefined>();

  protected readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  protected readonly form = inject(FormBuilder).nonNullable.group({
    email: ['', [Validators.required, Validators.email]],
    password: ['', [Validators.required]],
  });
  protected readonly submitting = signal(false);
  protected readonly submitted = signal(false);
  protected readonly error = signal<string | null>(null);

  protected showError(field: 'email' | 'password'): boolean {
    const control = this.form.controls[field];
    return control.invalid && (control.touched || this.submitted());
  }

  protected async submit(): Promise<void> {
    this.submitted.set(true);
    this.error.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.submitting.set(true);
    try {
      const { email, password } = this.form.getRawValue();
      await this.auth.login({ email: email.trim(), password });
      await this.router.navigateByUrl(safeReturnUrl(this.returnUrl()));
    } catch (error) {
      this.error.set(loginErrorText(error));
      this.form.controls.password.reset();
    } finally {
      this.submitting.set(false);
    }
  }
}

/** Sign-in failures in words: wrong credentials read differently here than a lapsed session elsewhere. */
export function loginErrorText(error: unknown): string {
  if (!(error instanceof ApiProblem)) return 'Something unexpected happened. Please try again.';
  switch (error.kind) {
    case 'unauthenticated':
      // The API gives one answer for a wrong password, a locked and a deactivated account (it reveals nothing).
      return 'The email or password is incorrect. After several failed attempts an account is locked for a while; if you are sure of your password, ask an administrator to unlock it.';
    case 'forbidden':
      return 'This account is not allowed to sign in. It may have been deactivated — ask an administrator.';
    case 'validation':
      return 'Enter a valid email address and your password.';
    default:
      return error.message;
  }
}
