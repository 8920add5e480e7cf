import fc from 'fast-check';
import { formatRule, parseRule } from '../../src';
import { ruleAst, withoutSpans } from './arbitraries';

describe('formatRule', () => {
  it('parseRule(formatRule(ast)) gives back the AST, for generated ASTs', () => {
    fc.assert(
      fc.property(ruleAst, (ast) => {
        const text = formatRule(ast);
        const parsed = parseRule(text);
        if (!parsed.ok) throw new Error(`${text}\n${JSON.stringify(parsed.errors)}`);
        expect(withoutSpans(parsed.ast)).toEqual(ast);
      }),
      { numRuns: 1500, seed: 20_240_301 },
    );
  }, 30_000);

  it('is a fixed point: formatting a parsed canonical text changes nothing', () => {
    fc.assert(
      fc.property(ruleAst, (ast) => {
        const text = formatRule(ast);
        const parsed = parseRule(text);
        expect(parsed.ok && formatRule(parsed.ast)).toBe(text);
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it.each([
    ['not_null( x )  where  a=1 and b<>2 mostly 99.50%', 'NOT_NULL(x) WHERE a = 1 AND b != 2 MOSTLY 99.50%'],
    ['custom((a + b) * c > -(5) or not (d is null))', 'CUSTOM((a + b) * c > -(5) OR NOT d IS NULL)'],
    ['custom(- - x > 0)', 'CUSTOM(-(-x) > 0)'],
    ['CUSTOM(a - (-5) = 1)', 'CUSTOM(a - -5 = 1)'],
    ['CUSTOM((a = b) = (c < d))', 'CUSTOM((a = b) = (c < d))'],
    ['CUSTOM(x IN (1, a OR b))', 'CUSTOM(x IN (1, a OR b))'],
    ["ACCEPTED_VALUES(\"select\", ['it''s', 'a\\b'])", "ACCEPTED_VALUES(select, ['it''s', 'a\\b'])"],
    [
      'FOREIGN_KEY("order id") REFERENCES "Other Dataset"("k""ey")',
      'FOREIGN_KEY("order id") REFERENCES "Other Dataset"("k""ey")',
    ],
    ['ROW_COUNT(NULL,NULL)', 'ROW_COUNT(NULL, NULL)'],
    ['CUSTOM(Date(x) = date AND NOW() > now)', 'CUSTOM(date(x) = date AND now() > now)'],
  ])('%s → %s', (text, canonical) => {
    const parsed = parseRule(text);
    expect(parsed.ok && formatRule(parsed.ast)).toBe(canonical);
  });
});
