/** Boolean columns: true/false in any case and nothing else; ordering false < true. */
import type { CaseGroup } from '../types';

export const BOOLEANS: CaseGroup[] = [
  {
    title: 'booleans',
    data: {
      csv: 'b,n\ntrue,1\nTRUE,2\nFalse,3\nyes,4\n1,5\nt,6\n false ,7\n,8\ntRuE,9\n',
      types: { b: 'boolean', n: 'integer' },
    },
    cases: [
      ['IN_RANGE(b, null, null)', /boolean/],
      ['ACCEPTED_VALUES(b, [true])', 9, 5, 'FAILED', [3, 4, 5, 6, 7]],
      ["ACCEPTED_VALUES(b, ['false'])", 9, 6, 'FAILED', [1, 2, 4, 5, 6, 9]],
      ['CUSTOM(b)', 9, 2, 'FAILED', [3, 7]],
      ['CUSTOM(NOT b)', 9, 3, 'FAILED', [1, 2, 9]],
      ['CUSTOM(b = TRUE OR b IS NULL)', 9, 2, 'FAILED', [3, 7]],
      ['UNIQUE(b)', 9, 5, 'FAILED', [1, 2, 3, 7, 9]],
      ['CUSTOM(b > false)', 9, 2, 'FAILED', [3, 7]],
      ['NOT_NULL(b)', 9, 1, 'FAILED', [8]],
      ['CUSTOM(b OR n > 5)', 9, 1, 'FAILED', [3]],
      ['CUSTOM(b AND n < 5)', 9, 6, 'FAILED', [3, 5, 6, 7, 8, 9]],
      ['CUSTOM(b IS NOT NULL) WHERE n > 3', 6, 4, 'FAILED', [4, 5, 6, 8]],
    ],
  },
];
