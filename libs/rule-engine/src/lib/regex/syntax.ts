/**
 * A parser for RE2's pattern syntax (https://github.com/google/re2/wiki/Syntax), in plain TypeScript so
 * the rule parser can refuse patterns RE2 can't run — backreferences, lookaround, possessive and
 * stacked quantifiers, atomic groups — with a position, in Node and in the browser alike. It also feeds
 * the pure-TypeScript matcher (pike.ts). It follows RE2's default ("Perl-like") options.
 */
import type { AssertKind, CharClass, RegexNode } from './ast';

export interface RegexSyntaxProblem {
  /** Index into the pattern (UTF-16 units) and length of the offending part. */
  index: number;
  length: number;
  message: string;
}

export class RegexSyntaxError extends Error {
  constructor(readonly problem: RegexSyntaxProblem) {
    super(problem.message);
    this.name = 'RegexSyntaxError';
  }
}

/** RE2's limit on `{n,m}` counts, also applied to nested repetitions multiplied together. */
const MAX_REPEAT = 1000;
const MAX_NESTING = 200;
/** A rough bound on compiled size, in the spirit of RE2's default 8 MB program budget. */
const MAX_PROGRAM_SIZE = 110_000;

const PERL_CLASSES: Record<string, Array<[number, number]>> = {
  d: [[0x30, 0x39]],
  s: [
    [0x09, 0x0a],
    [0x0c, 0x0d],
    [0x20, 0x20],
  ],
  w: [
    [0x30, 0x39],
    [0x41, 0x5a],
    [0x5f, 0x5f],
    [0x61, 0x7a],
  ],
};

const POSIX_CLASSES: Record<string, Array<[number, number]>> = {
  alnum: [
    [0x30, 0x39],
    [0x41, 0x5a],
    [0x61, 0x7a],
  ],
  alpha: [
    [0x41, 0x5a],
    [0x61, 0x7a],
  ],
  ascii: [[0x00, 0x7f]],
  blank: [
    [0x09, 0x09],
    [0x20, 0x20],
  ],
  cntrl: [
    [0x00, 0x1f],
    [0x7f, 0x7f],
  ],
  digit: [[0x30, 0x39]],
  graph: [[0x21, 0x7e]],
  lower: [[0x61, 0x7a]],
  print: [[0x20, 0x7e]],
  punct: [
    [0x21, 0x2f],
    [0x3a, 0x40],
    [0x5b, 0x60],
    [0x7b, 0x7e],
  ],
  space: [
    [0x09, 0x0d],
    [0x20, 0x20],
  ],
  upper: [[0x41, 0x5a]],
  word: [
    [0x30, 0x39],
    [0x41, 0x5a],
    [0x5f, 0x5f],
    [0x61, 0x7a],
  ],
  xdigit: [
    [0x30, 0x39],
    [0x41, 0x46],
    [0x61, 0x66],
  ],
};

const GENERAL_CATEGORIES = new Set(
  'C Cc Cf Co Cs L Ll Lm Lo Lt Lu M Mc Me Mn N Nd Nl No P Pc Pd Pe Pf Pi Po Ps S Sc Sk Sm So Z Zl Zp Zs'.split(
    ' ',
  ),
);

const propertyCache = new Map<string, RegExp | null>();

/**
 * A one-character matcher for a Unicode property name RE2 knows (a general category, a script, or
 * `Any`); null when the name is unknown. The name is checked to be a plain word before it reaches
 * RegExp, and the resulting expression tests exactly one character, so it can't backtrack.
 */
export function unicodeProperty(name: string): RegExp | null {
  const cached = propertyCache.get(name);
  if (cached !== undefined) return cached;
  let re: RegExp | null = null;
  if (/^[A-Za-z_]+$/.test(name)) {
    const source =
      name === 'Any' ? '^[^]$' : GENERAL_CATEGORIES.has(name) ? `^\\p{${name}}$` : `^\\p{Script=${name}}$`;
    try {
      re = new RegExp(source, 'u');
    } catch {
      re = null;
    }
  }
  propertyCache.set(name, re);
  return re;
}

interface Flags {
  foldCase: boolean;
  multiLine: boolean;
  dotNl: boolean;
}

function isHex(ch: string | undefined): boolean {
  return ch !== undefined && /^[0-9A-Fa-f]$/.test(ch);
}

class Parser {
  private pos = 0;
  private depth = 0;
  private readonly names = new Set<string>();

  constructor(private readonly src: string) {}

  private fail(index: number, length: number, message: string): never {
    throw new RegexSyntaxError({ index, length: Math.max(1, length), message });
  }

  private peek(offset = 0): string | undefined {
    return this.src[this.pos + offset];
  }

  private startsWith(text: string): boolean {
    return this.src.startsWith(text, this.pos);
  }

  /** The next code point (not UTF-16 unit) and its width. */
  private codePointAt(index: number): { cp: number; width: number } {
    const cp = this.src.codePointAt(index) ?? 0;
    return { cp, width: cp > 0xffff ? 2 : 1 };
  }

  parse(): RegexNode {
    const node = this.parseAlternation({ foldCase: false, multiLine: false, dotNl: false });
    if (this.pos < this.src.length) {
      // Only an unmatched ')' stops the top-level alternation early.
      this.fail(this.pos, 1, 'Unmatched ) in pattern');
    }
    return node;
  }

  private parseAlternation(flags: Flags): RegexNode {
    const items: RegexNode[] = [this.parseConcat(flags)];
    while (this.peek() === '|') {
      this.pos++;
      items.push(this.parseConcat(flags));
    }
    return items.length === 1 ? items[0] : { t: 'alternate', items };
  }

  /** A sequence; `(?i)`-style flag groups change `flags` for the rest of the enclosing group. */
  private parseConcat(flags: Flags): RegexNode {
    const items: RegexNode[] = [];
    for (;;) {
      const ch = this.peek();
      if (ch === undefined || ch === '|' || ch === ')') break;
      if (ch === '(' && this.startsWith('(?') && this.tryFlagsOnly(flags)) continue;
      if (ch === '\\' && this.peek(1) === 'Q') {
        const quoted = this.parseQuoted(flags);
        const last = quoted.pop();
        items.push(...quoted);
        // A repetition right after \E applies to the last quoted character, as in RE2.
        if (last) items.push(this.parseRepetitions(last));
        continue;
      }
      items.push(this.parseRepetitions(this.parseAtom(flags)));
    }
    if (items.length === 0) return { t: 'empty' };
    return items.length === 1 ? items[0] : { t: 'concat', items };
  }

  /** `\Q...\E`: literal text (to `\E` or the end). */
  private parseQuoted(flags: Flags): RegexNode[] {
    this.pos += 2;
    const out: RegexNode[] = [];
    while (this.pos < this.src.length && !this.startsWith('\\E')) {
      const { cp, width } = this.codePointAt(this.pos);
      this.pos += width;
      out.push({ t: 'literal', cp, foldCase: flags.foldCase });
    }
    if (this.startsWith('\\E')) this.pos += 2;
    return out;
  }

  private parseRepetitions(atom: RegexNode): RegexNode {
    let node = atom;
    let lastRepeatAt = -1;
    for (;;) {
      const ch = this.peek();
      const opStart = this.pos;
      let min: number;
      let max: number;
      if (ch === '*' || ch === '+' || ch === '?') {
        this.pos++;
        [min, max] = ch === '*' ? [0, -1] : ch === '+' ? [1, -1] : [0, 1];
      } else if (ch === '{') {
        const counted = this.tryCountedRepeat();
        if (!counted) break;
        [min, max] = counted;
        if (min > MAX_REPEAT || max > MAX_REPEAT || (max >= 0 && min > max)) {
          this.fail(
            opStart,
            this.pos - opStart,
            `Bad repetition count ${this.src.slice(opStart, this.pos)}: counts go up to ${MAX_REPEAT}, min ≤ max`,
          );
        }
      } else {
        break;
      }
      if (this.peek() === '?') this.pos++; // non-greedy: same language, same verdict
      if (lastRepeatAt >= 0) {
        const text = this.src.slice(lastRepeatAt, this.pos);
        const possessive = /^[*+?]\+$/.test(text) || /^\}\+$/.test(text.slice(-2));
        this.fail(
          lastRepeatAt,
          this.pos - lastRepeatAt,
          possessive
            ? `Possessive quantifiers such as ${text} are not supported (RE2 syntax)`
            : `Repetition operators can't be stacked: ${text} (RE2 syntax)`,
        );
      }
      node = { t: 'repeat', min, max, sub: node };
      lastRepeatAt = opStart;
    }
    return node;
  }

  /** `{n}`, `{n,}`, `{n,m}` — anything else leaves `{` to be read as a literal. */
  private tryCountedRepeat(): [number, number] | undefined {
    const m = /^\{(0|[1-9][0-9]{0,7})(,(0|[1-9][0-9]{0,7})?)?\}/.exec(
      this.src.slice(this.pos, this.pos + 20),
    );
    if (!m) return undefined;
    this.pos += m[0].length;
    const min = Number(m[1]);
    const max = m[2] === undefined ? min : m[3] === undefined ? -1 : Number(m[3]);
    return [min, max];
  }

  private parseAtom(flags: Flags): RegexNode {
    const start = this.pos;
    const ch = this.peek();
    switch (ch) {
      case '(':
        return this.parseGroup(flags);
      case '[':
        return { t: 'class', cls: this.parseClass(flags) };
      case '.':
        this.pos++;
        return { t: 'any', dotNl: flags.dotNl };
      case '^':
        this.pos++;
        return { t: 'assert', kind: flags.multiLine ? 'beginLine' : 'beginText' };
      case '$':
        this.pos++;
        return { t: 'assert', kind: flags.multiLine ? 'endLine' : 'endText' };
      case '*':
      case '+':
      case '?':
        this.fail(start, 1, `Missing argument to repetition operator ${ch}`);
        break;
      case '{':
        if (this.tryCountedRepeat()) {
          this.fail(
            start,
            this.pos - start,
            `Missing argument to repetition operator ${this.src.slice(start, this.pos)}`,
          );
        }
        this.pos++;
        return { t: 'literal', cp: 0x7b, foldCase: flags.foldCase };
      case '\\':
        return this.parseEscapeAtom(flags);
    }
    const { cp, width } = this.codePointAt(this.pos);
    this.pos += width;
    return { t: 'literal', cp, foldCase: flags.foldCase };
  }

  /** `(?i)` etc. with no body: sets flags for the rest of the current group. Returns false otherwise. */
  private tryFlagsOnly(flags: Flags): boolean {
    const m = /^\(\?([imsU-]*)\)/.exec(this.src.slice(this.pos, this.pos + 12));
    if (!m) return false;
    const next = this.applyFlags(m[1], flags, this.pos);
    Object.assign(flags, next);
    this.pos += m[0].length;
    return true;
  }

  private applyFlags(spec: string, flags: Flags, at: number): Flags {
    const out = { ...flags };
    let negate = false;
    if (!/^[imsU]*(-[imsU]+)?$/.test(spec)) {
      this.fail(
        at,
        spec.length + 3,
        `Invalid flags group (?${spec}): use flags i, m, s, U, optionally after -`,
      );
    }
    for (const f of spec) {
      if (f === '-') {
        negate = true;
        continue;
      }
      if (f === 'i') out.foldCase = !negate;
      else if (f === 'm') out.multiLine = !negate;
      else if (f === 's') out.dotNl = !negate;
      // 'U' (ungreedy) changes which match is reported, never whether one exists.
    }
    return out;
  }

  private parseGroup(flags: Flags): RegexNode {
    const start = this.pos;
    if (++this.depth > MAX_NESTING)
      this.fail(start, 1, `Pattern nested more than ${MAX_NESTING} groups deep`);
    let inner: Flags = { ...flags };
    this.pos++; // (
    if (this.peek() === '?') {
      const rest = this.src.slice(this.pos, this.pos + 4);
      if (rest.startsWith('?=') || rest.startsWith('?!')) {
        this.fail(
          start,
          3,
          `Lookahead ${'(' + rest.slice(0, 2)}…) is not supported (RE2 syntax has no lookaround)`,
        );
      }
      if (rest.startsWith('?<=') || rest.startsWith('?<!')) {
        this.fail(
          start,
          4,
          `Lookbehind ${'(' + rest.slice(0, 3)}…) is not supported (RE2 syntax has no lookaround)`,
        );
      }
      if (rest.startsWith('?>')) this.fail(start, 3, 'Atomic groups (?>…) are not supported (RE2 syntax)');
      if (rest.startsWith('?P='))
        this.fail(start, 4, 'Backreferences (?P=name) are not supported (RE2 syntax)');
      if (rest.startsWith('?#')) this.fail(start, 3, 'Comments (?#…) are not supported (RE2 syntax)');
      if (rest.startsWith('?P<') || rest.startsWith('?<')) {
        const nameStart = this.pos + (rest.startsWith('?P<') ? 3 : 2);
        if (rest.startsWith('?<')) {
          this.fail(
            start,
            3,
            'Write named groups as (?P<name>…) (or use (?:…)): (?<name>…) is not understood by every RE2 version',
          );
        }
        const end = this.src.indexOf('>', nameStart);
        const name = end < 0 ? '' : this.src.slice(nameStart, end);
        if (end < 0 || !/^[A-Za-z0-9_]+$/.test(name)) {
          this.fail(
            start,
            Math.max(3, (end < 0 ? this.src.length : end + 1) - start),
            'Invalid capture group name',
          );
        }
        if (this.names.has(name)) this.fail(start, end + 1 - start, `Duplicate capture group name '${name}'`);
        this.names.add(name);
        this.pos = end + 1;
      } else {
        const m = /^\?([imsU-]*):/.exec(this.src.slice(this.pos, this.pos + 12));
        if (!m) {
          const what = this.src.slice(start, Math.min(this.src.length, start + 3));
          this.fail(start, what.length, `Unsupported group syntax ${what}… (RE2 syntax)`);
        }
        if (m[1] !== '') inner = this.applyFlags(m[1], flags, start);
        this.pos += m[0].length;
      }
    }
    const sub = this.parseAlternation(inner);
    if (this.peek() !== ')') this.fail(start, 1, 'Missing ) to close this group');
    this.pos++;
    this.depth--;
    return { t: 'group', sub };
  }

  private parseEscapeAtom(flags: Flags): RegexNode {
    const start = this.pos;
    const c = this.peek(1);
    switch (c) {
      case 'A':
        this.pos += 2;
        return { t: 'assert', kind: 'beginText' };
      case 'z':
        this.pos += 2;
        return { t: 'assert', kind: 'endText' };
      case 'b':
      case 'B':
        this.pos += 2;
        return { t: 'assert', kind: (c === 'b' ? 'wordBoundary' : 'notWordBoundary') as AssertKind };
      case 'C':
        this.fail(start, 2, '\\C (any byte) is not supported here');
        break;
      case 'Z':
        this.fail(start, 2, '\\Z is not supported (RE2 syntax): use \\z or $');
        break;
    }
    const cls = this.tryClassEscape(flags);
    if (cls) return { t: 'class', cls };
    return { t: 'literal', cp: this.parseEscapeChar(), foldCase: flags.foldCase };
  }

  /** `\d \D \s \S \w \W \pN \p{Name} \PN \P{Name}` at `pos`; undefined when it's something else. */
  private tryClassEscape(flags: Flags): CharClass | undefined {
    const start = this.pos;
    const c = this.peek(1);
    if (c !== undefined && 'dswDSW'.includes(c)) {
      this.pos += 2;
      return {
        ranges: PERL_CLASSES[c.toLowerCase()],
        props: [],
        complements: [],
        negated: c !== c.toLowerCase(),
        foldCase: false,
      };
    }
    if (c === 'p' || c === 'P') {
      let name: string;
      if (this.peek(2) === '{') {
        const end = this.src.indexOf('}', this.pos + 3);
        if (end < 0) this.fail(start, this.src.length - start, 'Missing } in Unicode class \\p{…}');
        name = this.src.slice(this.pos + 3, end);
        this.pos = end + 1;
      } else {
        if (this.peek(2) === undefined) this.fail(start, 2, 'Missing Unicode class name after \\p');
        const { cp, width } = this.codePointAt(this.pos + 2);
        name = String.fromCodePoint(cp);
        this.pos += 2 + width;
      }
      let negated = c === 'P';
      if (name.startsWith('^')) {
        negated = !negated;
        name = name.slice(1);
      }
      if (!unicodeProperty(name)) {
        this.fail(start, this.pos - start, `Unknown Unicode class ${this.src.slice(start, this.pos)}`);
      }
      return {
        ranges: [],
        props: [{ name, negated }],
        complements: [],
        negated: false,
        foldCase: flags.foldCase,
      };
    }
    return undefined;
  }

  /** One escaped character (after checking class escapes); fails on escapes RE2 doesn't have. */
  private parseEscapeChar(): number {
    const start = this.pos;
    this.pos++; // backslash
    if (this.pos >= this.src.length) this.fail(start, 1, 'Trailing backslash at the end of the pattern');
    const { cp, width } = this.codePointAt(this.pos);
    const c = String.fromCodePoint(cp);
    this.pos += width;
    if (cp < 0x80 && !/[0-9A-Za-z]/.test(c)) return cp; // escaped punctuation is itself
    if (c >= '1' && c <= '7' && !(this.peek() !== undefined && /[0-7]/.test(this.peek() ?? ''))) {
      this.fail(start, 2, `Backreferences such as \\${c} are not supported (RE2 syntax)`);
    }
    if (c >= '0' && c <= '7') {
      let value = cp - 0x30;
      for (let i = 1; i < 3 && /[0-7]/.test(this.peek() ?? ''); i++) {
        value = value * 8 + (this.src.charCodeAt(this.pos) - 0x30);
        this.pos++;
      }
      return value;
    }
    switch (c) {
      case 'x': {
        if (this.peek() === '{') {
          const end = this.src.indexOf('}', this.pos);
          const hex = end < 0 ? '' : this.src.slice(this.pos + 1, end);
          if (end < 0 || !/^[0-9A-Fa-f]+$/.test(hex) || parseInt(hex, 16) > 0x10ffff) {
            this.fail(
              start,
              (end < 0 ? this.src.length : end + 1) - start,
              'Invalid escape \\x{…}: give 1 or more hex digits up to 10FFFF',
            );
          }
          this.pos = end + 1;
          return parseInt(hex, 16);
        }
        if (!isHex(this.peek()) || !isHex(this.peek(1))) {
          this.fail(
            start,
            Math.min(4, this.src.length - start),
            'Invalid escape \\x: give two hex digits (\\x41) or braces (\\x{41})',
          );
        }
        const value = parseInt(this.src.slice(this.pos, this.pos + 2), 16);
        this.pos += 2;
        return value;
      }
      case 'a':
        return 7;
      case 'f':
        return 12;
      case 't':
        return 9;
      case 'n':
        return 10;
      case 'r':
        return 13;
      case 'v':
        return 11;
      case 'u':
        this.fail(start, 2, 'Invalid escape \\u: RE2 syntax writes code points as \\x{41}');
        break;
      case '8':
      case '9':
        this.fail(start, 2, `Backreferences such as \\${c} are not supported (RE2 syntax)`);
        break;
    }
    this.fail(start, this.pos - start, `Invalid escape \\${c} (RE2 syntax)`);
  }

  private parseClass(flags: Flags): CharClass {
    const start = this.pos;
    this.pos++; // [
    const cls: CharClass = {
      ranges: [],
      props: [],
      complements: [],
      negated: false,
      foldCase: flags.foldCase,
    };
    if (this.peek() === '^') {
      cls.negated = true;
      this.pos++;
    }
    let first = true;
    for (;;) {
      const ch = this.peek();
      if (ch === undefined)
        this.fail(start, this.src.length - start, 'Missing ] to close the character class');
      if (ch === ']' && !first) break;
      first = false;
      if (ch === '[' && this.peek(1) === ':') {
        const m = /^\[:(\^?)([a-z]+):\]/.exec(this.src.slice(this.pos, this.pos + 12));
        if (m) {
          const ranges = POSIX_CLASSES[m[2]];
          if (!ranges) this.fail(this.pos, m[0].length, `Unknown character class ${m[0]}`);
          if (m[1]) cls.complements.push(ranges);
          else cls.ranges.push(...ranges);
          this.pos += m[0].length;
          continue;
        }
      }
      if (ch === '\\') {
        const sub = this.tryClassEscape(flags);
        if (sub) {
          if (sub.props.length) cls.props.push(...sub.props);
          else if (sub.negated) cls.complements.push(sub.ranges);
          else cls.ranges.push(...sub.ranges);
          continue;
        }
      }
      const loStart = this.pos;
      const lo = this.parseClassChar();
      if (this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== undefined) {
        this.pos++;
        if (this.peek() === '\\' && this.peek(1) !== undefined && 'dswDSWpP'.includes(this.peek(1) ?? '')) {
          this.fail(loStart, this.pos + 2 - loStart, 'A class escape cannot end a range');
        }
        const hi = this.parseClassChar();
        if (hi < lo) {
          this.fail(
            loStart,
            this.pos - loStart,
            `Invalid character class range ${this.src.slice(loStart, this.pos)}`,
          );
        }
        cls.ranges.push([lo, hi]);
      } else {
        cls.ranges.push([lo, lo]);
      }
    }
    this.pos++; // ]
    return cls;
  }

  private parseClassChar(): number {
    if (this.peek() === '\\') {
      const c = this.peek(1);
      if (
        c === 'b' ||
        c === 'B' ||
        c === 'A' ||
        c === 'z' ||
        c === 'Q' ||
        c === 'E' ||
        c === 'C' ||
        c === 'Z'
      ) {
        this.fail(this.pos, 2, `Escape \\${c} is not allowed in a character class`);
      }
      return this.parseEscapeChar();
    }
    const { cp, width } = this.codePointAt(this.pos);
    this.pos += width;
    return cp;
  }
}

/** Parses an RE2 pattern, throwing `RegexSyntaxError` (with a position) when RE2 would refuse it. */
export function parseRe2(pattern: string): RegexNode {
  const node = new Parser(pattern).parse();
  checkSize(node, pattern);
  return node;
}

/** RE2 refuses nested repetitions whose counts multiply past 1000, and very large programs. */
function checkSize(root: RegexNode, pattern: string): void {
  const tooBig = (message: string): never => {
    throw new RegexSyntaxError({ index: 0, length: pattern.length, message });
  };
  // Mirrors RE2's RepetitionWalker: divide the budget by each nested count (integer division).
  const budget = (node: RegexNode, arg: number): number => {
    switch (node.t) {
      case 'repeat': {
        const m = node.max < 0 ? node.min : node.max;
        const a = m > 0 ? Math.floor(arg / m) : arg;
        return Math.min(a, budget(node.sub, a));
      }
      case 'group':
        return budget(node.sub, arg);
      case 'concat':
      case 'alternate':
        return node.items.reduce((acc, item) => Math.min(acc, budget(item, arg)), arg);
      default:
        return arg;
    }
  };
  if (budget(root, MAX_REPEAT) === 0) tooBig('Nested repetition counts multiply past 1000 (RE2 limit)');
  if (programSize(root) > MAX_PROGRAM_SIZE) tooBig('Pattern too large to compile');
}

/** General categories compile to hundreds of UTF-8 ranges in RE2; scripts to tens. */
const LARGE_PROPERTIES = new Set(
  [...GENERAL_CATEGORIES].filter((c) => !['Cs', 'Co', 'Zl', 'Zp', 'Cc'].includes(c)),
);

function classWeight(cls: CharClass): number {
  let w = 1 + cls.ranges.length + (cls.negated ? 20 : 0) + cls.complements.length * 20;
  for (const p of cls.props) w += p.name === 'Any' ? 20 : LARGE_PROPERTIES.has(p.name) ? 2000 : 200;
  return cls.foldCase ? w * 2 : w;
}

/**
 * An estimate of the compiled size in RE2 (instructions, weighting Unicode classes by their UTF-8
 * range count). Calibrated on re2-wasm, whose 16 MB heap is the tightest: `\pL{60}` compiles there,
 * `\pL{100}` exhausts it; the limit admits `\pL{54}`.
 */
export function programSize(node: RegexNode): number {
  switch (node.t) {
    case 'empty':
    case 'assert':
    case 'literal':
      return 1;
    case 'any':
      return 20;
    case 'class':
      return classWeight(node.cls);
    case 'group':
      return programSize(node.sub);
    case 'concat':
    case 'alternate':
      return node.items.reduce((acc, item) => acc + programSize(item) + 1, 0);
    case 'repeat': {
      const sub = programSize(node.sub);
      const copies = node.max < 0 ? Math.max(1, node.min) : Math.max(1, node.max);
      return sub * copies + copies;
    }
  }
}

/** Checks a pattern without throwing: undefined when RE2 accepts it. */
export function checkRe2Syntax(pattern: string): RegexSyntaxProblem | undefined {
  try {
    parseRe2(pattern);
    return undefined;
  } catch (e) {
    if (e instanceof RegexSyntaxError) return e.problem;
    if (e instanceof RangeError) return { index: 0, length: pattern.length, message: 'Pattern too complex' };
    throw e;
  }
}
