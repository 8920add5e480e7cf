/**
 * RE2 pattern → PostgreSQL ARE with the same matches, or `undefined` when some construct has no exact
 * equivalent. Works from the RE2 syntax tree (../regex/syntax.ts), never from the pattern text, and
 * writes every character as an escape or a plain ASCII letter/digit, so nothing in the pattern can be
 * read differently by PostgreSQL. What is rewritten:
 *
 * - literals and classes, as code points (`\uXXXX`); `\d \s \w` and POSIX classes are RE2's ASCII sets;
 * - `.` → `[^\n]` (RE2's dot doesn't match a newline; PostgreSQL's does), `(?s).` → `.`;
 * - `^ $` of RE2's default mode (start and end of text), as PostgreSQL's non-newline-sensitive `^ $`;
 * - groups, alternation, `* + ? {n,m}` (m ≤ 255, PostgreSQL's limit);
 * - `(?i)` on ASCII letters (with RE2's folds K→U+212A and s→U+017F).
 *
 * Not rewritten (evaluated client-side instead): Unicode properties, `(?i)` on non-ASCII characters,
 * `\b \B`, `(?m)` line anchors, NUL, and patterns whose bounded repeats would expand past what
 * PostgreSQL compiles comfortably.
 */
import type { CharClass, RegexNode } from '../regex/ast';
import { parseRe2 } from '../regex/syntax';

class Untranslatable extends Error {}

const MAX_PG_REPEAT = 255;
/** Bounded repeats are expanded by PostgreSQL's compiler; keep the product of counts small. */
const MAX_EXPANSION = 2000;
const MAX_CP = 0x10ffff;

type Ranges = Array<[number, number]>;

function hex(cp: number): string {
  return cp > 0xffff ? `\\U${cp.toString(16).padStart(8, '0')}` : `\\u${cp.toString(16).padStart(4, '0')}`;
}

/** One code point as PostgreSQL pattern text: letters and digits as is, everything else escaped. */
function emitChar(cp: number): string {
  if (cp === 0) throw new Untranslatable('NUL');
  if ((cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a)) {
    return String.fromCharCode(cp);
  }
  return hex(cp);
}

function normalize(ranges: Ranges): Ranges {
  const sorted = ranges.map(([a, b]) => [a, b] as [number, number]).sort((x, y) => x[0] - y[0]);
  const out: Ranges = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

function complement(ranges: Ranges): Ranges {
  const out: Ranges = [];
  let next = 0;
  for (const [a, b] of normalize(ranges)) {
    if (a > next) out.push([next, a - 1]);
    next = b + 1;
  }
  if (next <= MAX_CP) out.push([next, MAX_CP]);
  return out;
}

/** RE2's case folding for ASCII letters; non-ASCII cased characters are refused. */
function foldAscii(ranges: Ranges): Ranges {
  const out: Ranges = [...ranges];
  const has = (cp: number) => ranges.some(([a, b]) => cp >= a && cp <= b);
  for (const [a, b] of ranges) {
    if (b > 0x7f) {
      for (let cp = Math.max(a, 0x80); cp <= Math.min(b, 0x24f); cp++) {
        const ch = String.fromCodePoint(cp);
        if (ch.toLowerCase() !== ch || ch.toUpperCase() !== ch) throw new Untranslatable('case fold');
      }
      if (b > 0x24f) throw new Untranslatable('case fold');
    }
  }
  for (let cp = 0x41; cp <= 0x5a; cp++) {
    if (has(cp) || has(cp + 0x20)) {
      out.push([cp, cp], [cp + 0x20, cp + 0x20]);
    }
  }
  if (has(0x4b) || has(0x6b)) out.push([0x212a, 0x212a]);
  if (has(0x53) || has(0x73)) out.push([0x17f, 0x17f]);
  return out;
}

function classRanges(cls: CharClass): Ranges {
  if (cls.props.length) throw new Untranslatable('Unicode property');
  let ranges: Ranges = [...cls.ranges];
  for (const c of cls.complements) ranges.push(...complement(c));
  if (cls.foldCase) ranges = foldAscii(ranges);
  ranges = normalize(ranges);
  return cls.negated ? complement(ranges) : ranges;
}

/** A bracket expression; surrogates and NUL can't occur in PostgreSQL text, so they are left out. */
function emitRanges(ranges: Ranges): string {
  const parts: string[] = [];
  for (const [a0, b0] of normalize(ranges)) {
    const pieces: Ranges = [];
    const a = Math.max(a0, 1);
    if (a > b0) continue;
    if (a < 0xd800 && b0 > 0xdfff) pieces.push([a, 0xd7ff], [0xe000, b0]);
    else if (a >= 0xd800 && b0 <= 0xdfff) continue;
    else if (a >= 0xd800 && a <= 0xdfff) pieces.push([0xe000, b0]);
    else if (b0 >= 0xd800 && b0 <= 0xdfff) pieces.push([a, 0xd7ff]);
    else pieces.push([a, b0]);
    for (const [x, y] of pieces) parts.push(x === y ? hex(x) : `${hex(x)}-${hex(y)}`);
  }
  if (!parts.length) throw new Untranslatable('empty class');
  return `[${parts.join('')}]`;
}

function emit(node: RegexNode, budget: { expansion: number }): string {
  switch (node.t) {
    case 'empty':
      return '(?:)';
    case 'literal':
      if (node.foldCase)
        return emitRanges(
          classRanges({
            ranges: [[node.cp, node.cp]],
            props: [],
            complements: [],
            negated: false,
            foldCase: true,
          }),
        );
      return emitChar(node.cp);
    case 'class':
      return emitRanges(classRanges(node.cls));
    case 'any':
      return node.dotNl ? '.' : '[^\\n]';
    case 'assert':
      if (node.kind === 'beginText') return '^';
      if (node.kind === 'endText') return '$';
      throw new Untranslatable(node.kind);
    case 'concat':
      return node.items.map((n) => emit(n, budget)).join('');
    case 'alternate':
      return `(?:${node.items.map((n) => emit(n, budget)).join('|')})`;
    case 'group':
      return `(?:${emit(node.sub, budget)})`;
    case 'repeat': {
      const { min, max } = node;
      if (min > MAX_PG_REPEAT || max > MAX_PG_REPEAT) throw new Untranslatable('repeat count');
      const factor = Math.max(1, max === -1 ? min : max);
      const outer = budget.expansion;
      budget.expansion *= factor;
      if (budget.expansion > MAX_EXPANSION) throw new Untranslatable('too large');
      const sub = `(?:${emit(node.sub, budget)})`;
      budget.expansion = outer;
      if (min === 0 && max === -1) return `${sub}*`;
      if (min === 1 && max === -1) return `${sub}+`;
      if (min === 0 && max === 1) return `${sub}?`;
      if (max === -1) return `${sub}{${min},}`;
      return min === max ? `${sub}{${min}}` : `${sub}{${min},${max}}`;
    }
  }
}

/** The PostgreSQL (ARE) spelling of an RE2 pattern with the same search results, or undefined. */
export function re2ToPostgres(pattern: string): string | undefined {
  try {
    return emit(parseRe2(pattern), { expansion: 1 });
  } catch {
    return undefined;
  }
}
