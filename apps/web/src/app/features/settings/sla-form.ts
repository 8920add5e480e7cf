import { SLA_MAX_MINUTES, Severity, SlaPolicyDto } from '@dqw/shared-types';

export type SlaUnit = 'minutes' | 'hours' | 'days';

export const UNIT_MINUTES: Readonly<Record<SlaUnit, number>> = { minutes: 1, hours: 60, days: 1440 };

export const UNIT_OPTIONS: readonly { value: SlaUnit; label: string }[] = [
  { value: 'minutes', label: 'minutes' },
  { value: 'hours', label: 'hours' },
  { value: 'days', label: 'days' },
];

/** A duration as the form shows it: the largest unit that holds it exactly (90 min stays minutes). */
export interface SlaDuration {
  amount: number;
  unit: SlaUnit;
}

export function toDuration(minutes: number): SlaDuration {
  if (minutes > 0 && minutes % UNIT_MINUTES.days === 0)
    return { amount: minutes / UNIT_MINUTES.days, unit: 'days' };
  if (minutes > 0 && minutes % UNIT_MINUTES.hours === 0)
    return { amount: minutes / UNIT_MINUTES.hours, unit: 'hours' };
  return { amount: minutes, unit: 'minutes' };
}

export function toMinutes(d: SlaDuration): number {
  return d.amount * UNIT_MINUTES[d.unit];
}

/** "1 hour", "4 hours", "7 days", "90 minutes". */
export function formatMinutes(minutes: number): string {
  const { amount, unit } = toDuration(minutes);
  return `${amount} ${amount === 1 ? unit.slice(0, -1) : unit}`;
}

export interface SlaRowForm {
  severity: Severity;
  ack: SlaDuration;
  resolve: SlaDuration;
}

export interface SlaRowProblems {
  ack?: string;
  resolve?: string;
}

function durationProblem(d: SlaDuration): string | undefined {
  if (!Number.isFinite(d.amount) || !Number.isInteger(d.amount) || d.amount < 1) {
    return 'Enter a whole number, at least 1.';
  }
  if (toMinutes(d) > SLA_MAX_MINUTES) return `At most ${formatMinutes(SLA_MAX_MINUTES)}.`;
  return undefined;
}

/** What the API would refuse, said next to the field: whole positive amounts, a year at most, resolve ≥ acknowledge. */
export function slaRowProblems(row: SlaRowForm): SlaRowProblems {
  const problems: SlaRowProblems = {};
  const ack = durationProblem(row.ack);
  const resolve = durationProblem(row.resolve);
  if (ack) problems.ack = ack;
  if (resolve) problems.resolve = resolve;
  if (!ack && !resolve && toMinutes(row.resolve) < toMinutes(row.ack)) {
    problems.resolve = 'Resolving can’t be due before acknowledging: make it at least as long.';
  }
  return problems;
}

export function rowsFromPolicies(policies: readonly SlaPolicyDto[]): SlaRowForm[] {
  const order: Severity[] = ['HIGH', 'MEDIUM', 'LOW'];
  return order.flatMap((severity) => {
    const p = policies.find((x) => x.severity === severity);
    return p ? [{ severity, ack: toDuration(p.ackMinutes), resolve: toDuration(p.resolveMinutes) }] : [];
  });
}

export function policiesFromRows(rows: readonly SlaRowForm[]): SlaPolicyDto[] {
  return rows.map((r) => ({
    severity: r.severity,
    ackMinutes: toMinutes(r.ack),
    resolveMinutes: toMinutes(r.resolve),
  }));
}
