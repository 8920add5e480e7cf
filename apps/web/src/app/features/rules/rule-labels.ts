import { RULE_TYPES, RuleType, SEVERITIES, Severity } from '@dqw/shared-types';
import { DSL_KEYWORDS } from '../../shared/ui/dsl-code/dsl-tokens';

const TYPE_HINTS: Record<RuleType, string> = {
  NOT_NULL: 'no empty values',
  UNIQUE: 'no repeated values',
  IN_RANGE: 'values within bounds',
  MATCHES: 'values match a pattern',
  ACCEPTED_VALUES: 'values from a list',
  FOREIGN_KEY: 'values exist in another dataset',
  ROW_COUNT: 'number of rows',
  FRESHNESS: 'newest value is recent',
  CUSTOM: 'a condition on each row',
};

export const RULE_TYPE_OPTIONS: readonly { value: RuleType; label: string }[] = RULE_TYPES.map((t) => ({
  value: t,
  label: `${t} — ${TYPE_HINTS[t]}`,
}));

export const SEVERITY_OPTIONS: readonly { value: Severity; label: string }[] = SEVERITIES.map((s) => ({
  value: s,
  label: s.charAt(0) + s.slice(1).toLowerCase(),
}));

const SEVERITY_BADGE: Record<Severity, string> = {
  LOW: 'badge-soft-secondary',
  MEDIUM: 'badge-soft-warning',
  HIGH: 'badge-soft-danger',
};

export function severityBadge(severity: Severity): string {
  return SEVERITY_BADGE[severity] ?? 'badge-soft-secondary';
}

export function severityLabel(severity: Severity): string {
  return SEVERITY_OPTIONS.find((o) => o.value === severity)?.label ?? severity;
}

const RESERVED = new Set<string>(DSL_KEYWORDS);

/** A column name as rule text writes it: plain when it is a plain word, else in double quotes. */
export function dslName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !RESERVED.has(name.toUpperCase())
    ? name
    : `"${name.replace(/"/g, '""')}"`;
}

/** Example rules for a new rule, using the dataset's own columns where one of the right type exists. */
export function ruleTemplates(
  columns: readonly { name: string; type: string }[],
): { label: string; dsl: string }[] {
  const name = (c: { name: string }) => dslName(c.name);
  const first = columns[0] ? name(columns[0]) : 'column';
  const numeric = columns.find((c) => c.type === 'integer' || c.type === 'decimal');
  const text = columns.find((c) => c.type === 'string');
  const when = columns.find((c) => c.type === 'date' || c.type === 'timestamp');
  return [
    { label: 'Not empty', dsl: `NOT_NULL(${first})` },
    { label: 'Unique', dsl: `UNIQUE(${first})` },
    { label: 'In range', dsl: `IN_RANGE(${numeric ? name(numeric) : 'amount'}, 0, 10000)` },
    { label: 'Pattern', dsl: `MATCHES(${text ? name(text) : 'email'}, '^[^@\\s]+@[^@\\s]+$')` },
    { label: 'Allowed values', dsl: `ACCEPTED_VALUES(${text ? name(text) : 'status'}, ['new', 'paid'])` },
    { label: 'Row count', dsl: 'ROW_COUNT(1, null)' },
    { label: 'Fresh', dsl: `FRESHNESS(${when ? name(when) : 'created_at'}, '24h')` },
    { label: 'Custom', dsl: `CUSTOM(${numeric ? name(numeric) : 'amount'} >= 0)` },
  ];
}
