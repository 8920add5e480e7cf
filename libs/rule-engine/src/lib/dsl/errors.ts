/** A problem in rule text, positioned so an editor can underline it (1-based line and column). */
export interface DslError {
  line: number;
  column: number;
  /** Characters to underline; at least 1. */
  length: number;
  message: string;
}

/** The only exception type the DSL functions may throw (they normally return `DslError`s instead). */
export class DslSyntaxError extends Error {
  constructor(readonly errors: DslError[]) {
    super(errors.map((e) => `${e.line}:${e.column} ${e.message}`).join('\n'));
    this.name = 'DslSyntaxError';
  }
}

/** A position in source text, from which errors and spans are built. */
export interface Pos {
  line: number;
  column: number;
  offset: number;
  length: number;
}

export function errorAt(pos: Pos | undefined, message: string): DslError {
  return {
    line: pos?.line ?? 1,
    column: pos?.column ?? 1,
    length: Math.max(1, pos?.length ?? 1),
    message,
  };
}

/** Optimal string alignment distance, for "did you mean" hints. */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  if (Math.abs(m - n) > 3) return Math.abs(m - n);
  const d: number[][] = Array.from({ length: m + 1 }, (_, i) => [i, ...new Array<number>(n).fill(0)]);
  for (let j = 1; j <= n; j++) d[0][j] = j;
  for (let i = 1; i <= m; i++) {
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[m][n];
}

/** Candidates close to `word` (case-insensitive), best first. */
export function closeMatches(word: string, candidates: readonly string[], max = 3): string[] {
  const w = word.toLowerCase();
  const limit = Math.max(1, Math.min(3, Math.floor(w.length / 3)));
  return candidates
    .map((c) => {
      const lc = c.toLowerCase();
      const dist = lc === w ? 0 : lc.includes(w) || w.includes(lc) ? 1 : editDistance(w, lc);
      return { c, dist };
    })
    .filter((x) => x.dist <= limit)
    .sort((x, y) => x.dist - y.dist || x.c.localeCompare(y.c))
    .slice(0, max)
    .map((x) => x.c);
}
