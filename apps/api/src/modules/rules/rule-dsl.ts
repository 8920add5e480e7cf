import {
  formatRule,
  parseRule,
  referencedColumns,
  ruleTypeOf,
  validateRule,
  type DatasetSchema,
  type DslError,
  type RuleAst,
} from '@dqw/rule-engine';
import type { RuleType } from '@dqw/shared-types';
import { CronExpressionParser } from 'cron-parser';

export type DslCheck =
  | { ok: true; ast: RuleAst; type: RuleType; canonical: string; columns: string[] }
  | { ok: false; errors: DslError[]; ast?: RuleAst };

/** Longest rule text accepted (a rule is one line; this is generous). */
export const MAX_DSL_LENGTH = 20_000;

/**
 * Parses a rule and, when a schema is given, checks it against the dataset (unknown columns, types,
 * literals, FOREIGN_KEY targets through `resolveSchema`). RE2-incompatible patterns are parse errors.
 */
export function checkDsl(
  dsl: string,
  schema?: DatasetSchema | null,
  resolveSchema?: (name: string) => DatasetSchema | undefined,
): DslCheck {
  const parsed = parseRule(dsl);
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  const ast = parsed.ast;
  if (schema) {
    const errors = validateRule(ast, schema, resolveSchema ? { resolveSchema } : {});
    if (errors.length) return { ok: false, errors, ast };
  }
  return {
    ok: true,
    ast,
    type: ruleTypeOf(ast),
    canonical: formatRule(ast),
    columns: referencedColumns(ast),
  };
}

/** One line naming the first problems, for the error `message` (positions go in `details`). */
export function dslErrorMessage(errors: DslError[], prefix = 'The rule is not valid'): string {
  const shown = errors.slice(0, 3).map((e) => `line ${e.line}, column ${e.column}: ${e.message}`);
  const more = errors.length > 3 ? ` (and ${errors.length - 3} more)` : '';
  return `${prefix}: ${shown.join('; ')}${more}`;
}

const ALIASES: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

/** The five-field form of a schedule (aliases such as `@daily` expanded). */
function fiveFields(schedule: string): string {
  const s = schedule.trim().replace(/\s+/g, ' ');
  return ALIASES[s.toLowerCase()] ?? s;
}

/**
 * Checks a cron schedule: five fields (minute hour day-of-month month day-of-week), evaluated in UTC,
 * or one of @yearly @monthly @weekly @daily @hourly. Returns the problem, or null when it is valid.
 */
export function scheduleProblem(schedule: string): string | null {
  const expr = fiveFields(schedule);
  if (expr.length > 100) return 'schedule is too long (at most 100 characters)';
  if (expr.startsWith('@')) {
    return `schedule '${schedule}' is not a known alias; use five cron fields or one of ${Object.keys(ALIASES).join(', ')}`;
  }
  const fields = expr.split(' ');
  if (fields.length !== 5) {
    return `schedule '${schedule}' has ${fields.length} field${fields.length === 1 ? '' : 's'}; a cron schedule has five: minute hour day-of-month month day-of-week (e.g. '0 6 * * *')`;
  }
  if (/[hH?]/.test(expr))
    return `schedule '${schedule}': 'H' and '?' are not supported; use numbers, ranges, lists and steps`;
  try {
    const parsed = CronExpressionParser.parse(`0 ${expr}`, { tz: 'UTC', currentDate: new Date(0) });
    parsed.next();
  } catch (e) {
    return `schedule '${schedule}' is not a valid cron expression: ${e instanceof Error ? e.message : String(e)}`;
  }
  return null;
}

/** True when the schedule fires at `minute` (a whole UTC minute). */
export function firesAt(schedule: string, minute: Date): boolean {
  try {
    const parsed = CronExpressionParser.parse(`0 ${fiveFields(schedule)}`, {
      tz: 'UTC',
      currentDate: new Date(minute.getTime() - 1),
    });
    return parsed.next().getTime() === minute.getTime();
  } catch {
    return false;
  }
}

/** The next time the schedule fires after `from`, or null. */
export function nextFire(schedule: string, from: Date): Date | null {
  try {
    const parsed = CronExpressionParser.parse(`0 ${fiveFields(schedule)}`, { tz: 'UTC', currentDate: from });
    return parsed.next().toDate();
  } catch {
    return null;
  }
}
