/**
 * FOREIGN_KEY candidates: a column whose values could lie inside another dataset's unique column. The
 * profiles rule out what can't be contained (types, ranges, lengths, patterns, counts); whether the
 * values really are contained is settled by the back-test, which runs the FOREIGN_KEY rule itself (an
 * anti-join on the server) — or here already, when both value lists are complete in the profiles.
 */
import type { ColumnProfile, DatasetProfile } from '../profile/types';
import * as b from './ast-build';
import type { Draft } from './heuristics';
import { FLOORS, keyLike } from './heuristics';
import { count } from './stats';
import type { OtherDataset } from './types';

const NUMERIC = new Set(['integer', 'decimal']);
const TEMPORAL = new Set(['date', 'timestamp']);

export function foreignKeyRules(c: ColumnProfile, p: DatasetProfile, others: OtherDataset[]): Draft[] {
  if (p.rowCount <= FLOORS.other || c.nonNullCount === 0 || c.distinctCount < 2) return [];
  if (c.type === 'boolean' || c.unreadableCount > 0) return [];
  let best: { draft: Draft; score: number } | null = null;
  for (const other of others) {
    for (const k of other.profile.columns) {
      if (other.name.toLowerCase() === (p.dataset ?? '').toLowerCase() && k.name === c.name) continue;
      const match = candidate(c, other, k);
      if (match && (!best || match.score > best.score)) best = match;
    }
  }
  return best ? [best.draft] : [];
}

function candidate(
  c: ColumnProfile,
  other: OtherDataset,
  k: ColumnProfile,
): { draft: Draft; score: number } | null {
  if (!isKey(k) || !compatible(c, k)) return null;
  // Containment is impossible with more distinct values than the key has (estimates are ±2%).
  const slack = c.distinctExact && k.distinctExact ? 1 : 1.03;
  if (c.distinctCount > k.distinctCount * slack) return null;
  if (NUMERIC.has(c.type)) {
    if (typeof c.min !== 'number' || typeof c.max !== 'number') return null;
    if (typeof k.min !== 'number' || typeof k.max !== 'number') return null;
    if (c.min < k.min || c.max > k.max) return null;
  } else if (TEMPORAL.has(c.type)) {
    return null; // dates inside another table's unique dates are coincidence, not references
  } else if (c.minLength !== null && k.minLength !== null && k.maxLength !== null) {
    if (c.minLength < k.minLength || (c.maxLength ?? 0) > k.maxLength) return null;
    if (!patternsAgree(c, k)) return null;
  }
  const name = nameScore(c.name, other.name, k.name);
  // Small integers fall inside any id range: numbers need the names to agree too.
  if (NUMERIC.has(c.type) && name === 0) return null;
  if (!NUMERIC.has(c.type) && name === 0 && c.distinctCount < 10) return null;
  // Pure containment when both value lists are complete.
  let contained: boolean | null = null;
  if (c.topValuesComplete && k.topValuesComplete) {
    const keys = new Set(k.topValues.map((t) => t.value));
    contained = c.topValues.every((t) => keys.has(t.value));
    if (!contained) return null;
  }
  const score =
    name + (contained ? 0.5 : 0) + Math.min(c.distinctCount / Math.max(1, k.distinctCount), 1) * 0.2;
  const draft: Draft = {
    column: c.name,
    type: 'FOREIGN_KEY',
    ast: b.foreignKey(c.name, other.name, k.name),
    rationale:
      `The ${count(c.distinctCount)} distinct values of ${c.name} ` +
      (contained ? 'all appear' : 'fit (by type, range and length)') +
      ` in ${other.name}.${k.name}, which is unique over ${count(other.profile.rowCount)} rows` +
      (name === 1 ? ', and the names match.' : name > 0 ? ', and the names are alike.' : '.'),
    baseConfidence: 0.6 + 0.3 * name + (contained ? 0.05 : 0),
    evidence: c.nonNullCount,
    heuristic: 'fk.containment',
  };
  return { draft, score };
}

function isKey(k: ColumnProfile): boolean {
  if (k.nonNullCount === 0 || k.unreadableCount > 0) return false;
  return k.distinctExact ? k.distinctCount === k.nonNullCount : k.distinctCount >= 0.98 * k.nonNullCount;
}

function compatible(c: ColumnProfile, k: ColumnProfile): boolean {
  if (NUMERIC.has(c.type)) return NUMERIC.has(k.type);
  if (TEMPORAL.has(c.type)) return TEMPORAL.has(k.type);
  return c.type === k.type;
}

/** Every class the key's values all fit must fit (almost) all of the column's values too. */
function patternsAgree(c: ColumnProfile, k: ColumnProfile): boolean {
  for (const kp of k.patterns) {
    if (kp.share < 1) continue;
    const cp = c.patterns.find((x) => x.name === kp.name);
    if (!cp || cp.share < 0.99) return false;
  }
  return true;
}

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
const singular = (s: string) => s.replace(/ies$/, 'y').replace(/([^s])s$/, '$1');

/**
 * 1 when the names say "reference": `customer_id` → customers.customer_id, customers.id; 0.5 when they
 * share a stem (`buyer_customer` → customers.customer_id); 0 otherwise.
 */
export function nameScore(column: string, dataset: string, key: string): number {
  const c = norm(column);
  const k = norm(key);
  const d = singular(norm(dataset));
  if (c === k && keyLike(key)) return 1;
  if (c === d + k || c === `${d}id` || c === `${d}${singular(k)}`) return 1;
  if (c === k) return 0.8;
  if ((d.length >= 3 && c.includes(d)) || (k.length >= 4 && c.includes(k))) return 0.5;
  return 0;
}
