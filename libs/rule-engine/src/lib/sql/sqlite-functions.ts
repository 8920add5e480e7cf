/**
 * The user functions an SQLite runner registers so the sqlite dialect can run (dialects/sqlite.ts).
 * Plain functions of plain values, so this library needs no SQLite driver: with better-sqlite3,
 *
 *   for (const [name, fn] of Object.entries(sqliteUserFunctions())) db.function(name, { deterministic: true }, fn);
 */
import { pikeRegexEngine } from '../regex/pike';
import type { RegexEngine } from '../regex/engine';
import { simpleLower, simpleUpper } from '../semantics/text';

export type SqliteUserFunction = (...args: unknown[]) => unknown;

/** `dqw_regexp(pattern, text)` (RE2 search: 1, 0, or NULL for a NULL text), `dqw_lower`, `dqw_upper`. */
export function sqliteUserFunctions(
  engine: RegexEngine = pikeRegexEngine,
): Record<string, SqliteUserFunction> {
  const compiled = new Map<string, (text: string) => boolean>();
  const matcher = (pattern: string) => {
    let m = compiled.get(pattern);
    if (!m) {
      m = engine.compile(pattern);
      // Patterns come from rules and the library's own constants: a handful per run.
      if (compiled.size > 256) compiled.clear();
      compiled.set(pattern, m);
    }
    return m;
  };
  const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
  return {
    dqw_regexp: (pattern: unknown, value: unknown) => {
      const t = text(value);
      const p = text(pattern);
      if (t === null || p === null) return null;
      return matcher(p)(t) ? 1 : 0;
    },
    dqw_lower: (value: unknown) => {
      const t = text(value);
      return t === null ? null : simpleLower(t);
    },
    dqw_upper: (value: unknown) => {
      const t = text(value);
      return t === null ? null : simpleUpper(t);
    },
  };
}
