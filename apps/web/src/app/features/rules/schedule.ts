/**
 * Cron schedules of rules, checked in the browser with the same library and the same rules as the API
 * (`rule-dsl.ts` there): five fields in UTC, or an alias such as `@daily`. cron-parser (with luxon) is
 * loaded on first use only, so it costs nothing until someone types a schedule.
 */

const ALIASES: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

export interface ScheduleCheck {
  /** What is wrong, in words; null when the schedule is valid. */
  problem: string | null;
  /** The next times it fires (at most `count`), when valid. */
  next: Date[];
}

function fiveFields(schedule: string): string {
  const s = schedule.trim().replace(/\s+/g, ' ');
  return ALIASES[s.toLowerCase()] ?? s;
}

/** The checks that need no library (field count, aliases, unsupported characters). */
export function scheduleShapeProblem(schedule: string): string | null {
  const expr = fiveFields(schedule);
  if (expr.length > 100) return 'Use at most 100 characters.';
  if (expr.startsWith('@')) {
    return `'${schedule.trim()}' is not a known shortcut; use five cron fields or one of ${Object.keys(ALIASES).join(', ')}.`;
  }
  const fields = expr.split(' ');
  if (fields.length !== 5) {
    return `A schedule has five fields (minute hour day-of-month month day-of-week, e.g. 0 6 * * *); this has ${fields.length}.`;
  }
  if (/[hH?]/.test(expr)) return "'H' and '?' are not supported; use numbers, ranges, lists and steps.";
  return null;
}

type CronParser = typeof import('cron-parser').CronExpressionParser;
let cronParser: Promise<CronParser> | null = null;

/**
 * cron-parser is CommonJS: bundled for the browser its class may sit on the namespace, on `default`, or
 * be `default` itself (Node and the unit tests see the first), so take whichever has `parse`.
 */
export function parserOf(mod: unknown): CronParser {
  const ns = mod as { CronExpressionParser?: unknown; default?: { CronExpressionParser?: unknown } };
  const candidates = [ns?.CronExpressionParser, ns?.default?.CronExpressionParser, ns?.default];
  const found = candidates.find((c) => typeof (c as { parse?: unknown } | undefined)?.parse === 'function');
  if (!found) throw new Error('the cron library did not load');
  return found as CronParser;
}

function loadCron(): Promise<CronParser> {
  cronParser ??= import('cron-parser').then(parserOf);
  return cronParser;
}

/** Validates a schedule and lists its next fire times after `from` (UTC, as the scheduler runs it). */
export async function checkSchedule(schedule: string, from: Date, count = 3): Promise<ScheduleCheck> {
  const shape = scheduleShapeProblem(schedule);
  if (shape) return { problem: shape, next: [] };
  let CronExpressionParser: CronParser;
  try {
    CronExpressionParser = await loadCron();
  } catch {
    cronParser = null; // try again next time; meanwhile the API checks the schedule on save
    return { problem: null, next: [] };
  }
  try {
    const parsed = CronExpressionParser.parse(`0 ${fiveFields(schedule)}`, { tz: 'UTC', currentDate: from });
    const next: Date[] = [];
    for (let i = 0; i < count; i++) next.push(parsed.next().toDate());
    return { problem: null, next };
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    return { problem: `Not a valid cron expression: ${reason}`, next: [] };
  }
}
