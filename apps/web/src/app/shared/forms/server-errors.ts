import { Signal, computed, signal } from '@angular/core';
import { AbstractControl } from '@angular/forms';
import { ApiProblem } from '../../core/http/api-problem';

/**
 * The API's answer to a form submit: field errors to show next to their fields, and a message for
 * everything else. A field's server error disappears as soon as the user edits that field.
 */
export class ServerErrors<F extends string> {
  private readonly fields = signal<Partial<Record<F, string>>>({});
  private readonly general = signal<string | null>(null);
  readonly message: Signal<string | null> = this.general.asReadonly();
  readonly hasFieldErrors = computed(() => Object.keys(this.fields()).length > 0);

  constructor(controls: Record<F, AbstractControl>) {
    for (const [name, control] of Object.entries(controls) as [F, AbstractControl][]) {
      control.valueChanges.subscribe(() => {
        if (this.fields()[name] !== undefined) {
          this.fields.update((all) => {
            const next = { ...all };
            delete next[name];
            return next;
          });
        }
      });
    }
  }

  field(name: F): string | null {
    return this.fields()[name] ?? null;
  }

  /** Spreads a problem over the form; field errors for unknown fields go into the general message. */
  set(problem: ApiProblem, known: readonly F[]): void {
    const fields: Partial<Record<F, string>> = {};
    const other: string[] = [];
    for (const [name, text] of Object.entries(problem.fieldErrors)) {
      if ((known as readonly string[]).includes(name)) fields[name as F] = text;
      else other.push(text);
    }
    this.fields.set(fields);
    this.general.set(other.length ? `${problem.message} ${other.join(' ')}` : problem.message);
  }

  clear(): void {
    this.fields.set({});
    this.general.set(null);
  }
}
