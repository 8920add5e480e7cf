import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import {
  AbstractControl,
  FormBuilder,
  ReactiveFormsModule,
  ValidationErrors,
  Validators,
} from '@angular/forms';
import { toProblem } from '../../../core/http/api-problem';
import { ServerErrors } from '../../../shared/forms/server-errors';
import { TokensStore } from '../tokens-store';

type Field = 'name' | 'expiresAt';

/** `YYYY-MM-DD` of a local date, the value format of `<input type="date">`. */
export function dateInputValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** A token expires at the end of the chosen day, in the user's time zone. */
export function endOfDayIso(value: string): string {
  const [y, m, d] = value.split('-').map(Number);
  return new Date(y, m - 1, d, 23, 59, 59, 999).toISOString();
}

function futureDate(control: AbstractControl<string>): ValidationErrors | null {
  if (!control.value) return null;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(control.value)) return { date: true };
  return Date.parse(endOfDayIso(control.value)) > Date.now() ? null : { past: true };
}

@Component({
  selector: 'dqw-token-create-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule],
  templateUrl: './token-create-form.html',
})
export class TokenCreateForm {
  private readonly store = inject(TokensStore);
  protected readonly form = inject(FormBuilder).nonNullable.group({
    name: ['', [Validators.required, Validators.maxLength(100)]],
    expiresAt: ['', [futureDate]],
  });
  protected readonly server = new ServerErrors<Field>(this.form.controls);
  protected readonly submitted = signal(false);
  protected readonly saving = signal(false);
  protected readonly minDate = dateInputValue(new Date(Date.now() + 24 * 3600 * 1000));

  protected errorFor(field: Field): string | null {
    const fromServer = this.server.field(field);
    if (fromServer) return fromServer;
    const control = this.form.controls[field];
    if (!control.invalid || !(control.touched || this.submitted())) return null;
    if (field === 'name') {
      return control.hasError('required')
        ? 'Give the token a name, e.g. the script that will use it.'
        : 'Use at most 100 characters.';
    }
    return control.hasError('past') ? 'Choose a date in the future.' : 'Enter a valid date.';
  }

  protected async submit(): Promise<void> {
    this.submitted.set(true);
    this.server.clear();
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.saving.set(true);
    const { name, expiresAt } = this.form.getRawValue();
    try {
      await this.store.create({
        name: name.trim(),
        ...(expiresAt ? { expiresAt: endOfDayIso(expiresAt) } : {}),
      });
      this.form.reset();
      this.submitted.set(false);
    } catch (error) {
      this.server.set(toProblem(error), ['name', 'expiresAt']);
    } finally {
      this.saving.set(false);
    }
  }
}
