/**
 * SQL for SEMANTICS.md's reading rules, built on a dialect's primitives: "does this text read as an
 * integer / decimal / boolean / ISO date / ISO timestamp / a format", and the epoch of a date text.
 * Checks that could fail on bad input (casts) sit inside CASE branches, which every engine evaluates in
 * order, so a cast only ever sees text its pattern admitted.
 */
import { formatRegex, splitFormat } from '../patterns';
import type { Params, ProfileDialect } from './profile-dialect';

export const INTEGER_REGEX = '^[+-]?[0-9]+$';
export const DECIMAL_REGEX = '^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?$';
export const ISO_DATE_REGEX = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';
export const ISO_TIMESTAMP_REGEX =
  '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,9})?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?)?$';
/** SEMANTICS.md: a text longer than this is never a number. */
export const MAX_NUMBER_TEXT = 200;

/** `CASE WHEN a THEN (CASE WHEN b THEN x END) END`: b (and x) only see rows where a holds. */
export function when(conds: string[], then: string, otherwise = 'NULL'): string {
  let out = then;
  for (let i = conds.length - 1; i >= 0; i--) out = `CASE WHEN ${conds[i]} THEN ${out} ELSE ${otherwise} END`;
  return out;
}

export class Readers {
  constructor(
    private readonly d: ProfileDialect,
    private readonly p: Params,
  ) {}

  private re(v: string, pattern: string): string {
    return this.d.regex(v, pattern, this.p);
  }

  /** Conditions (in order) for "v reads as an integer". */
  integer(v: string): string[] {
    return [`${this.d.length(v)} <= ${MAX_NUMBER_TEXT}`, this.re(v, INTEGER_REGEX)];
  }

  decimal(v: string): string[] {
    return [`${this.d.length(v)} <= ${MAX_NUMBER_TEXT}`, this.re(v, DECIMAL_REGEX)];
  }

  /** A decimal whose integer part has a leading zero: keeps a column a string (zip codes). */
  leadingZero(v: string): string[] {
    return [...this.decimal(v), this.re(v, '^[+-]?0[0-9]')];
  }

  boolean(v: string, p: Params): string[] {
    return [`${this.d.lower(v)} IN (${p.add('true')}, ${p.add('false')})`];
  }

  isoDate(v: string): string[] {
    return [this.re(v, ISO_DATE_REGEX), this.validDay(v, 1, 6, 9)];
  }

  isoTimestamp(v: string): string[] {
    return [this.re(v, ISO_TIMESTAMP_REGEX), this.validDay(v, 1, 6, 9)];
  }

  private validDay(v: string, y: number, m: number, dd: number): string {
    const s = (start: number, len: number) => this.d.substr(v, start, len);
    return this.d.validDay(s(y, 4), s(m, 2), s(dd, 2));
  }

  /** Conditions for "v reads in this format" (fixed-width tokens, a real day, times in range). */
  format(v: string, format: string): string[] {
    const pos = tokenPositions(format);
    const s = (t: string) => this.d.substr(v, pos[t], t === 'YYYY' ? 4 : 2);
    const ranges: string[] = [];
    if (pos['HH']) ranges.push(`${s('HH')} <= '23'`);
    if (pos['mm']) ranges.push(`${s('mm')} <= '59'`);
    if (pos['ss']) ranges.push(`${s('ss')} <= '59'`);
    const day = this.d.validDay(s('YYYY'), s('MM'), s('DD'));
    return [this.re(v, formatRegex(format)), [day, ...ranges].join(' AND ')];
  }

  /** Epoch ms of a text already known to read in `format`. */
  formatEpochMs(v: string, format: string): string {
    const pos = tokenPositions(format);
    const s = (t: string) => (pos[t] ? this.d.substr(v, pos[t], t === 'YYYY' ? 4 : 2) : `'00'`);
    return this.d.partsEpochMs({
      year: s('YYYY'),
      month: s('MM'),
      day: s('DD'),
      hour: s('HH'),
      minute: s('mm'),
      second: s('ss'),
    });
  }
}

/** 1-based start of each token in a (fixed-width) format. */
export function tokenPositions(format: string): Record<string, number> {
  const out: Record<string, number> = {};
  let at = 1;
  for (const part of splitFormat(format)) {
    if (part.token) out[part.token] = at;
    at += part.literal.length;
  }
  return out;
}
