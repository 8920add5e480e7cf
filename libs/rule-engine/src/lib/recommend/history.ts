/**
 * "Would this rule have failed on an earlier version?", answered from that version's profile alone
 * (the data itself is usually gone). `null` when the profile can't tell.
 */
import type { Literal, RuleAst } from '../dsl/ast';
import type { ColumnProfile, DatasetProfile } from '../profile/types';
import { formatRegex, PATTERN_CLASSES } from '../profile/patterns';
import { lagMs } from './heuristics';
import type { HistoryCheck } from './types';

const WINDOW_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 } as const;

/** Checks a rule against earlier profiles: "would have failed k of the last n versions". */
export function checkHistory(ast: RuleAst, history: DatasetProfile[]): HistoryCheck {
  const out: HistoryCheck = { versions: history.length, failed: 0, unknown: 0, failedVersions: [] };
  for (const h of history) {
    const r = wouldFail(ast, h);
    if (r === null) out.unknown++;
    else if (r) {
      out.failed++;
      out.failedVersions.push(h.versionId ?? h.profiledAt);
    }
  }
  return out;
}

/** true: would have failed; false: would have passed; null: can't tell from the profile. */
export function wouldFail(ast: RuleAst, p: DatasetProfile): boolean | null {
  if (ast.where) return null;
  const need = (share: number) => share < mostlyFraction(ast.mostly) - 1e-12;
  if (ast.type === 'ROW_COUNT') return outside(p.rowCount, ast.min, ast.max);
  const name = 'column' in ast ? ast.column.name : ast.type === 'UNIQUE' ? ast.columns[0]?.name : undefined;
  if (name === undefined) return null;
  const c = p.columns.find((x) => x.name === name);
  // The column is gone: the run ends in ERROR.
  if (!c) return true;
  switch (ast.type) {
    case 'NOT_NULL':
      return need(p.rowCount === 0 ? 1 : c.nonNullCount / p.rowCount);
    case 'UNIQUE':
      if (ast.columns.length !== 1) return null;
      if (!c.distinctExact) return c.distinctCount < 0.9 * c.nonNullCount ? true : null;
      return c.distinctCount < c.nonNullCount;
    case 'IN_RANGE': {
      if (c.type !== 'integer' && c.type !== 'decimal') return c.nonNullCount > 0 ? null : false;
      const failing = c.unreadableCount;
      if (failing > 0 && !ast.mostly) return true;
      if (c.nonNullCount === 0) return false;
      if (typeof c.min !== 'number' || typeof c.max !== 'number') return null;
      const lo = ast.min.kind === 'number' ? Number(ast.min.text) : -Infinity;
      const hi = ast.max.kind === 'number' ? Number(ast.max.text) : Infinity;
      if (c.min >= lo && c.max <= hi) return need(1 - c.unreadableCount / p.rowCount);
      return ast.mostly ? null : true;
    }
    case 'ACCEPTED_VALUES': {
      if (c.nonNullCount === 0) return false;
      const allowed = new Set(ast.values.map(literalText));
      const numeric = c.type === 'integer' || c.type === 'decimal';
      const key = (v: string) => (numeric ? String(Number(v)) : v);
      const inList = c.topValues.filter((t) => allowed.has(key(t.value))).reduce((s, t) => s + t.count, 0);
      const share = (inList + c.nullCount) / Math.max(1, p.rowCount);
      if (c.topValuesComplete) return need(share);
      // Only the top values are known: a value outside the list fails a rule without MOSTLY; otherwise
      // the known passing share is a lower bound.
      if (!ast.mostly) return inList < c.topValues.reduce((s, t) => s + t.count, 0) ? true : null;
      return need(share) ? null : false;
    }
    case 'MATCHES': {
      const cls = patternShare(c, ast.pattern);
      if (cls === null) return null;
      // Nulls pass; the share is of non-null values.
      return need(p.rowCount === 0 ? 1 : (cls * c.nonNullCount + c.nullCount) / p.rowCount);
    }
    case 'FRESHNESS': {
      const lag = lagMs(c, p);
      if (lag === null) return true;
      return lag > ast.window.amount * WINDOW_MS[ast.window.unit];
    }
    default:
      return null;
  }
}

function mostlyFraction(mostly: string | undefined): number {
  return mostly === undefined ? 1 : Number(mostly) / 100;
}

function outside(n: number, min: Literal, max: Literal): boolean {
  const lo = min.kind === 'number' ? Number(min.text) : -Infinity;
  const hi = max.kind === 'number' ? Number(max.text) : Infinity;
  return n < lo || n > hi;
}

function literalText(l: Literal): string {
  switch (l.kind) {
    case 'string':
      return l.value;
    case 'number':
      return String(Number(l.text));
    case 'boolean':
      return String(l.value);
    case 'null':
      return '';
  }
}

/** Share of a column's non-null values that fit a MATCHES pattern, when the pattern is a known class. */
function patternShare(c: ColumnProfile, regex: string): number | null {
  const named = c.patterns.find((p) => p.regex === regex);
  if (named) return named.share;
  if (c.format && formatRegex(c.format) === regex) return 1 - c.unreadableCount / Math.max(1, c.nonNullCount);
  // A fixed-length class (`^[0-9]{5}$`): all values fit when the base class does and the lengths agree.
  const fixed = /^\^\[(0-9|A-Z)\]\{(\d+)\}\$$/.exec(regex);
  if (fixed) {
    const base = PATTERN_CLASSES.find((p) => p.name === (fixed[1] === '0-9' ? 'digits' : 'upper'));
    const share = base ? (c.patterns.find((p) => p.name === base.name)?.share ?? 0) : 0;
    const len = Number(fixed[2]);
    if (share === 1 && c.minLength === len && c.maxLength === len) return 1;
    if (share === 1 && (c.minLength !== len || c.maxLength !== len)) return null;
    return share === 0 ? 0 : null;
  }
  return null;
}
