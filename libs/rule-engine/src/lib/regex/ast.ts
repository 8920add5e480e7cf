/** The parsed form of an RE2 pattern, as far as matching (not capturing) needs it. */

/** A set of code points: ranges plus named Unicode properties, optionally negated and case-folded. */
export interface CharClass {
  ranges: Array<[lo: number, hi: number]>;
  /** Unicode properties (`\pL`, `\p{Greek}`), each possibly negated. */
  props: Array<{ name: string; negated: boolean }>;
  /** Complements included in the class (`\D`, `[:^alpha:]` inside brackets): every code point outside each. */
  complements: Array<Array<[lo: number, hi: number]>>;
  negated: boolean;
  foldCase: boolean;
}

export type AssertKind =
  'beginText' | 'endText' | 'beginLine' | 'endLine' | 'wordBoundary' | 'notWordBoundary';

export type RegexNode =
  | { t: 'empty' }
  | { t: 'literal'; cp: number; foldCase: boolean }
  | { t: 'class'; cls: CharClass }
  | { t: 'any'; dotNl: boolean }
  | { t: 'assert'; kind: AssertKind }
  | { t: 'concat'; items: RegexNode[] }
  | { t: 'alternate'; items: RegexNode[] }
  /** `max` is -1 for unbounded. */
  | { t: 'repeat'; min: number; max: number; sub: RegexNode }
  | { t: 'group'; sub: RegexNode };
