/**
 * A pure-TypeScript, linear-time matcher for RE2 syntax: the pattern (parsed by syntax.ts) compiles to
 * a Thompson NFA that is simulated breadth-first (Pike VM without captures), so the time is
 * O(pattern × text) whatever the pattern — `(a+)+$` on 100,000 characters takes milliseconds. It runs
 * anywhere (no WASM, no Node APIs) and is what the browser's live preview uses.
 */
import type { AssertKind, CharClass, RegexNode } from './ast';
import type { RegexEngine } from './engine';
import { parseRe2, unicodeProperty } from './syntax';

type Test = (cp: number) => boolean;

type Inst =
  | { op: 'char'; test: Test; next: number }
  | { op: 'split'; x: number; y: number }
  | { op: 'assert'; kind: AssertKind; next: number }
  | { op: 'match' };

function singleCodePoint(s: string, fallback: number): number {
  const c = s.codePointAt(0) ?? fallback;
  return s.length === (c > 0xffff ? 2 : 1) ? c : fallback;
}

/**
 * Case-folding orbits (RE2's `(?i)`: characters equal under Unicode simple case folding), built once
 * from JavaScript's per-character mappings: characters whose upper-then-lower form is the same share
 * an orbit (`σ ς Σ`, `k K K`, `s S ſ`, `µ μ Μ`). Dotted and dotless i only fold in Turkish: RE2 leaves
 * them alone, and so does this.
 */
let orbits: Map<number, number[]> | undefined;

function buildOrbits(): Map<number, number[]> {
  const byKey = new Map<number, number[]>();
  // Cased letters live below U+1E944 (Adlam is the last script with case).
  for (let cp = 0; cp < 0x1e944; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    if (cp === 0x130 || cp === 0x131) continue;
    const ch = String.fromCodePoint(cp);
    const up = singleCodePoint(ch.toUpperCase(), cp);
    const key = singleCodePoint(String.fromCodePoint(up).toLowerCase(), up);
    if (key === cp && up === cp) continue;
    const members = byKey.get(key) ?? [key];
    if (!members.includes(cp)) members.push(cp);
    if (!members.includes(up) && up !== 0x130 && up !== 0x131) members.push(up);
    byKey.set(key, members);
  }
  const out = new Map<number, number[]>();
  for (const members of byKey.values()) {
    if (members.length < 2) continue;
    for (const m of members) out.set(m, members);
  }
  return out;
}

/** The characters `cp` matches under `(?i)`, itself included. */
export function caseOrbit(cp: number): readonly number[] {
  orbits ??= buildOrbits();
  return orbits.get(cp) ?? [cp];
}

function inRanges(ranges: Array<[number, number]>, cp: number): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [a, b] = ranges[mid];
    if (cp < a) hi = mid - 1;
    else if (cp > b) lo = mid + 1;
    else return true;
  }
  return false;
}

function sortRanges(ranges: Array<[number, number]>): Array<[number, number]> {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

function classTest(cls: CharClass): Test {
  const ranges = sortRanges(cls.ranges);
  const complements = cls.complements.map(sortRanges);
  const props = cls.props.map((p) => {
    const re = unicodeProperty(p.name);
    return { re, negated: p.negated };
  });
  const member = (cp: number): boolean => {
    if (inRanges(ranges, cp)) return true;
    for (const c of complements) if (!inRanges(c, cp)) return true;
    if (props.length) {
      const ch = String.fromCodePoint(cp);
      for (const p of props) if (p.re !== null && p.re.test(ch) !== p.negated) return true;
    }
    return false;
  };
  const folded: Test = cls.foldCase
    ? (cp) => {
        if (member(cp)) return true;
        for (const other of caseOrbit(cp)) if (other !== cp && member(other)) return true;
        return false;
      }
    : member;
  return cls.negated ? (cp) => !folded(cp) : folded;
}

function literalTest(cp: number, foldCase: boolean): Test {
  const orbit = foldCase ? caseOrbit(cp) : [cp];
  if (orbit.length === 1) return (c) => c === cp;
  const set = new Set(orbit);
  return (c) => set.has(c);
}

class Compiler {
  readonly prog: Inst[] = [{ op: 'match' }];

  private push(inst: Inst): number {
    this.prog.push(inst);
    return this.prog.length - 1;
  }

  /** Compiles `node` so that on success it continues at `next`; returns its entry point. */
  compile(node: RegexNode, next: number): number {
    switch (node.t) {
      case 'empty':
        return next;
      case 'literal':
        return this.push({ op: 'char', test: literalTest(node.cp, node.foldCase), next });
      case 'class':
        return this.push({ op: 'char', test: classTest(node.cls), next });
      case 'any':
        return this.push({ op: 'char', test: node.dotNl ? () => true : (c) => c !== 10, next });
      case 'assert':
        return this.push({ op: 'assert', kind: node.kind, next });
      case 'group':
        return this.compile(node.sub, next);
      case 'concat': {
        let cur = next;
        for (let i = node.items.length - 1; i >= 0; i--) cur = this.compile(node.items[i], cur);
        return cur;
      }
      case 'alternate': {
        const starts = node.items.map((item) => this.compile(item, next));
        let cur = starts[starts.length - 1];
        for (let i = starts.length - 2; i >= 0; i--) cur = this.push({ op: 'split', x: starts[i], y: cur });
        return cur;
      }
      case 'repeat': {
        let cur = next;
        if (node.max < 0) {
          // A loop: split back into the body or on to `next`.
          const loop = this.push({ op: 'split', x: -1, y: next });
          const body = this.compile(node.sub, loop);
          (this.prog[loop] as { x: number }).x = body;
          cur = loop;
        } else {
          for (let i = 0; i < node.max - node.min; i++) {
            cur = this.push({ op: 'split', x: this.compile(node.sub, cur), y: next });
          }
        }
        for (let i = 0; i < node.min; i++) cur = this.compile(node.sub, cur);
        return cur;
      }
    }
  }
}

const isWordChar = (cp: number): boolean =>
  (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a) || cp === 0x5f;

/** Compiles a pattern into a search function (unanchored, like RE2's partial match). */
export function compileRe2(pattern: string): (text: string) => boolean {
  const compiler = new Compiler();
  const start = compiler.compile(parseRe2(pattern), 0);
  const prog = compiler.prog;
  const n = prog.length;

  return (text: string): boolean => {
    let clist = new Int32Array(n);
    let nlist = new Int32Array(n);
    let clen = 0;
    // A pc is already on the list being built when mark[pc] === gen.
    const mark = new Uint32Array(n);
    let gen = 1;
    const stack = new Int32Array(2 * n + 2);
    const len = text.length;

    // The position the list being built belongs to, and the code points around it (-1 at the ends).
    let at = 0;
    let before = -1;
    let after = len > 0 ? (text.codePointAt(0) ?? -1) : -1;

    /** Adds the threads reachable from `pc0` without reading input; true when one of them matches. */
    const addThread = (list: Int32Array, length: number, pc0: number): number => {
      let sp = 0;
      stack[sp++] = pc0;
      while (sp > 0) {
        const pc = stack[--sp];
        if (mark[pc] === gen) continue;
        mark[pc] = gen;
        const inst = prog[pc];
        switch (inst.op) {
          case 'match':
            return -1;
          case 'split':
            stack[sp++] = inst.y;
            stack[sp++] = inst.x;
            break;
          case 'assert':
            if (assertionHolds(inst.kind)) stack[sp++] = inst.next;
            break;
          case 'char':
            list[length++] = pc;
            break;
        }
      }
      return length;
    };

    const assertionHolds = (kind: AssertKind): boolean => {
      switch (kind) {
        case 'beginText':
          return at === 0;
        case 'endText':
          return at === len;
        case 'beginLine':
          return at === 0 || before === 10;
        case 'endLine':
          return at === len || after === 10;
        case 'wordBoundary':
        case 'notWordBoundary': {
          const boundary = (before >= 0 && isWordChar(before)) !== (after >= 0 && isWordChar(after));
          return kind === 'wordBoundary' ? boundary : !boundary;
        }
      }
    };

    for (;;) {
      // A new attempt starts at every position (unanchored search).
      clen = addThread(clist, clen, start);
      if (clen < 0) return true;
      if (at >= len) return false;
      const cp = after;
      const nextAt = at + (cp > 0xffff ? 2 : 1);
      at = nextAt;
      before = cp;
      after = nextAt < len ? (text.codePointAt(nextAt) ?? -1) : -1;
      gen++;
      let nlen = 0;
      for (let i = 0; i < clen; i++) {
        const inst = prog[clist[i]] as Extract<Inst, { op: 'char' }>;
        if (inst.test(cp)) {
          nlen = addThread(nlist, nlen, inst.next);
          if (nlen < 0) return true;
        }
      }
      [clist, nlist] = [nlist, clist];
      clen = nlen;
    }
  };
}

/** The pure-TypeScript engine (linear time, runs in the browser). */
export const pikeRegexEngine: RegexEngine = {
  name: 'pike',
  compile: compileRe2,
};
