/** Rules that can't run end in ERROR with a message, and the other rules of the set still run. */
import type { CaseGroup } from '../types';

export const ERRORS: CaseGroup[] = [
  {
    title: 'errors: invalid rules next to valid ones',
    data: { csv: 's,n\na,1\n,2\nb,x\n', types: { n: 'integer' } },
    cases: [
      ['NOT_NULL(missing)', /Unknown column 'missing'/],
      ['NOT_NULL(s)', 3, 1, 'FAILED', [2]],
      ['IN_RANGE(s, 1, 2)', /text column/],
      ["FRESHNESS(s, '1d')", /FRESHNESS needs a date or timestamp/],
      ['CUSTOM(s > 5)', /compare|text/i],
      ['CUSTOM(n + s > 1)', /number/i],
      ["IN_RANGE(n, 'abc', null)", /not a number/],
      ["ACCEPTED_VALUES(n, ['x'])", /not a number/],
      ['IN_RANGE(n, 0, 1)', 3, 2, 'FAILED', [2, 3]],
      ['UNIQUE(s, missing)', /missing/],
      ["CUSTOM(regexp_like(n, 'x') AND missing = 1)", /missing/],
      ['CUSTOM(n)', /true\/false|boolean/i],
    ],
  },
];
