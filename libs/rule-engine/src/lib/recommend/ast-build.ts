/** Builders for the rule ASTs the recommender proposes (printed later by `formatRule`). */
import type { ColumnType } from '@dqw/shared-types';
import type { ColumnRef, DurationUnit, Literal, RuleAst } from '../dsl/ast';
import { numberText } from './stats';

export const col = (name: string): ColumnRef => ({ kind: 'column', name });
export const str = (value: string): Literal => ({ kind: 'string', value });
export const num = (x: number): Literal => ({ kind: 'number', text: numberText(x) });
export const nul = (): Literal => ({ kind: 'null' });

/** A value of a column's top values as a literal of the column's type (numbers as numbers). */
export function literalFor(type: ColumnType, text: string): Literal | null {
  if (type === 'integer' || type === 'decimal') {
    const x = Number(text);
    return Number.isFinite(x) ? num(x) : null;
  }
  return str(text);
}

export const notNull = (c: string, mostly?: string): RuleAst => ({
  type: 'NOT_NULL',
  column: col(c),
  ...(mostly ? { mostly } : {}),
});

export const unique = (c: string): RuleAst => ({ type: 'UNIQUE', columns: [col(c)] });

export const inRange = (c: string, min: Literal, max: Literal): RuleAst => ({
  type: 'IN_RANGE',
  column: col(c),
  min,
  max,
});

export const matches = (c: string, pattern: string, mostly?: string): RuleAst => ({
  type: 'MATCHES',
  column: col(c),
  pattern,
  ...(mostly ? { mostly } : {}),
});

export const acceptedValues = (c: string, values: Literal[], mostly?: string): RuleAst => ({
  type: 'ACCEPTED_VALUES',
  column: col(c),
  values,
  ...(mostly ? { mostly } : {}),
});

export const foreignKey = (c: string, refDataset: string, refColumn: string): RuleAst => ({
  type: 'FOREIGN_KEY',
  column: col(c),
  refDataset,
  refColumn: col(refColumn),
});

export const rowCount = (min: Literal, max: Literal): RuleAst => ({ type: 'ROW_COUNT', min, max });

export const freshness = (c: string, amount: number, unit: DurationUnit): RuleAst => ({
  type: 'FRESHNESS',
  column: col(c),
  window: { amount, unit, text: `${amount}${unit}` },
});
