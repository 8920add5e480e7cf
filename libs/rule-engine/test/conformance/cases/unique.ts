/** UNIQUE: every occurrence fails, composite keys, null and unreadable key parts, scope. */
import type { CaseGroup } from '../types';

export const UNIQUE: CaseGroup[] = [
  {
    title: 'unique: all occurrences, composite keys with nulls',
    data: {
      csv: 'a,b,c\n1,x,10\n1,x,11\n1,y,12\n2,,13\n2,,14\n3,z,x1\n3,z,15\n,z,16\n,z,17\n1, x ,18\n',
      types: { a: 'integer', c: 'integer' },
    },
    cases: [
      ['UNIQUE(a)', 10, 8, 'FAILED', [1, 2, 3, 4, 5, 6, 7, 10]],
      ['UNIQUE(a, b)', 10, 5, 'FAILED', [1, 2, 6, 7, 10]],
      ['UNIQUE(b)', 10, 7, 'FAILED', [1, 2, 6, 7, 8, 9, 10]],
      ['UNIQUE(a, c)', 10, 0, 'PASSED'],
      ['UNIQUE(a) WHERE c > 11', 7, 4, 'FAILED', [3, 4, 5, 10]],
      ['UNIQUE(b) MOSTLY 30%', 10, 7, 'PASSED'],
      ['UNIQUE(b) MOSTLY 30.01%', 10, 7, 'FAILED', [1, 2, 6, 7, 8, 9, 10]],
      ['UNIQUE(a, b, c)', 10, 0, 'PASSED'],
      ['UNIQUE(b, a)', 10, 5, 'FAILED', [1, 2, 6, 7, 10]],
      ["UNIQUE(a) WHERE b = 'z'", 4, 2, 'FAILED', [6, 7]],
      ['UNIQUE(c)', 10, 0, 'PASSED'],
    ],
  },
];
