import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Severity } from '@dqw/shared-types';
import { toProblem } from '../../../core/http/api-problem';
import { severityBadge, severityLabel } from '../../rules/rule-labels';
import { SlaStore } from '../sla-store';
import {
  SlaDuration,
  SlaRowForm,
  UNIT_OPTIONS,
  formatMinutes,
  slaRowProblems,
  toDuration,
  toMinutes,
} from '../sla-form';
import { Skeleton } from '../../../shared/ui/skeleton/skeleton';

/** The product's defaults (issue 6): HIGH 1 h / 24 h, MEDIUM 4 h / 72 h, LOW 24 h / 7 days. */
export const DEFAULT_SLA: readonly SlaRowForm[] = [
  { severity: 'HIGH', ack: toDuration(60), resolve: toDuration(24 * 60) },
  { severity: 'MEDIUM', ack: toDuration(4 * 60), resolve: toDuration(72 * 60) },
  { severity: 'LOW', ack: toDuration(24 * 60), resolve: toDuration(7 * 24 * 60) },
];

@Component({
  selector: 'dqw-sla-settings',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, DatePipe, Skeleton],
  providers: [SlaStore],
  templateUrl: './sla-settings.html',
  styles: `
    .amount {
      width: 6rem;
    }
    .unit {
      width: 7.5rem;
    }
  `,
})
export class SlaSettings {
  protected readonly store = inject(SlaStore);
  protected readonly units = UNIT_OPTIONS;
  protected readonly kinds = ['ack', 'resolve'] as const;
  protected readonly severityLabel = severityLabel;
  protected readonly severityBadge = severityBadge;
  protected readonly formatMinutes = formatMinutes;
  protected readonly toMinutes = toMinutes;
  protected readonly rows = signal<SlaRowForm[]>([]);
  protected readonly serverError = signal<string | null>(null);
  protected readonly problems = computed(() => this.rows().map(slaRowProblems));
  protected readonly invalid = computed(() => this.problems().some((p) => p.ack || p.resolve));
  protected readonly changed = computed(
    () => JSON.stringify(this.rows()) !== JSON.stringify(this.store.rows()),
  );

  constructor() {
    void this.store.load();
    effect(() => {
      const rows = this.store.rows();
      untracked(() =>
        this.rows.set(rows.map((r) => ({ ...r, ack: { ...r.ack }, resolve: { ...r.resolve } }))),
      );
    });
  }

  protected set(severity: Severity, which: 'ack' | 'resolve', patch: Partial<SlaDuration>): void {
    this.serverError.set(null);
    this.rows.update((rows) =>
      rows.map((r) => (r.severity === severity ? { ...r, [which]: { ...r[which], ...patch } } : r)),
    );
  }

  /** A number field's text → a number (NaN when it is not one, which the checks name). */
  protected amount(value: unknown): number {
    return value === '' || value === null ? Number.NaN : Number(value);
  }

  protected useDefaults(): void {
    this.serverError.set(null);
    this.rows.set(DEFAULT_SLA.map((r) => ({ ...r, ack: { ...r.ack }, resolve: { ...r.resolve } })));
  }

  protected undo(): void {
    this.serverError.set(null);
    this.rows.set(this.store.rows());
  }

  protected async save(): Promise<void> {
    if (this.invalid()) return;
    this.serverError.set(null);
    try {
      await this.store.save(this.rows());
    } catch (error) {
      this.serverError.set(toProblem(error).message);
    }
  }
}
