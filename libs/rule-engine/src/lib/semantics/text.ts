/** Text operations of SEMANTICS.md, identical in every back end: trim, code-point order, case mapping. */

/** Rule 1: strip ASCII white space (space, \t, \n, \r, \f, \v) from both ends; NBSP and others stay. */
export function trimCell(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isAsciiSpace(text.charCodeAt(start))) start++;
  while (end > start && isAsciiSpace(text.charCodeAt(end - 1))) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

function isAsciiSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

/** Orders UTF-16 code units as their code points would order (surrogates above U+E000–U+FFFF). */
function codePointKey(unit: number): number {
  if (unit >= 0xe000) return unit - 0x800;
  if (unit >= 0xd800) return unit + 0x2000;
  return unit;
}

/** Compares by Unicode code point (the order of UTF-8 bytes): negative, 0 or positive. */
export function compareText(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointKey(x) - codePointKey(y);
  }
  return a.length - b.length;
}

/** Number of Unicode code points. */
export function codePointLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A lead surrogate followed by a trail surrogate is one code point.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/**
 * Simple (one-to-one) case mappings where JavaScript's full mapping gives several characters: the
 * simple mapping from UnicodeData.txt, or the character itself when it has none (`ß` stays `ß`).
 */
const SIMPLE_LOWER: Record<number, number> = { 0x130: 0x69 };
const SIMPLE_UPPER: Record<number, number> = { 0x1fb3: 0x1fbc, 0x1fc3: 0x1fcc, 0x1ff3: 0x1ffc };
for (const base of [0x1f80, 0x1f90, 0x1fa0]) {
  for (let i = 0; i < 8; i++) SIMPLE_UPPER[base + i] = base + i + 8;
}

function mapCodePoints(text: string, full: (s: string) => string, simple: Record<number, number>): string {
  let out = '';
  for (const ch of text) {
    const mapped = full(ch);
    if (mapped === ch) out += ch;
    else if (mapped.length === 1 || (mapped.length === 2 && (mapped.codePointAt(0) ?? 0) > 0xffff))
      out += mapped;
    else {
      const cp = ch.codePointAt(0) ?? 0;
      out += simple[cp] !== undefined ? String.fromCodePoint(simple[cp]) : ch;
    }
  }
  return out;
}

/** `lower(text)`: Unicode simple lower-case mapping, code point by code point. */
export function simpleLower(text: string): string {
  return mapCodePoints(text, (s) => s.toLowerCase(), SIMPLE_LOWER);
}

/** `upper(text)`: Unicode simple upper-case mapping, code point by code point (`ß` stays `ß`). */
export function simpleUpper(text: string): string {
  return mapCodePoints(text, (s) => s.toUpperCase(), SIMPLE_UPPER);
}
