/**
 * Client-side matching for databases that can't run a user pattern with RE2's meaning in linear time
 * (MySQL/MariaDB always; PostgreSQL for patterns `re2ToPostgres` can't rewrite). The prepass statement
 * returns each pattern's distinct subject texts; they are matched here with a linear-time RE2 engine,
 * and the smaller of the matching and non-matching sets is bound (as one JSON array) into the main
 * statement, which tests membership instead of calling the database's regex engine.
 */
import { pikeRegexEngine } from '../regex/pike';
import type { RegexEngine } from '../regex/engine';
import type { RegexAtom, RegexAtomResult } from './expression-sql';

/** Past this many bytes of bound texts an atom is refused (MySQL's default max_allowed_packet is 16 MB). */
export const MAX_REGEX_SET_BYTES = 8 * 1024 * 1024;

export class RegexSetTooLarge extends Error {}

function textOf(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (v instanceof Uint8Array) return new TextDecoder().decode(v);
  return undefined;
}

/** Matches each atom's distinct texts (`rows` of `{a, s}`) and picks the smaller set to bind. */
export function matchAtoms(
  atoms: readonly RegexAtom[],
  rows: readonly Record<string, unknown>[],
  engine: RegexEngine = pikeRegexEngine,
): RegexAtomResult[] {
  const matchers = atoms.map((atom) => engine.compile(atom.pattern));
  const yes: string[][] = atoms.map(() => []);
  const no: string[][] = atoms.map(() => []);
  for (const row of rows) {
    const a = Number(row['a']);
    const s = textOf(row['s']);
    if (!(a >= 0 && a < atoms.length) || s === undefined) continue;
    (matchers[a](s) ? yes : no)[a].push(s);
  }
  return atoms.map((atom, a) => {
    const matching = yes[a].length <= no[a].length;
    const texts = matching ? yes[a] : no[a];
    const bytes = texts.reduce((sum, t) => sum + t.length * 3 + 3, 0);
    if (bytes > MAX_REGEX_SET_BYTES) {
      throw new RegexSetTooLarge(
        `The pattern '${atom.pattern}' has to be matched outside this database, and too many distinct values ` +
          `(${yes[a].length} matching, ${no[a].length} not) would have to be sent back to it`,
      );
    }
    return { texts, matching };
  });
}
