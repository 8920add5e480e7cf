/** SEMANTICS rule 3 for integer and decimal columns: what reads as a number, and comparisons of numbers. */
import type { CaseGroup } from '../types';

const UNREADABLE_I = [5, 6, 7, 10, 11, 12, 13, 14];

export const NUMBERS: CaseGroup[] = [
  {
    title: 'numbers: readable and unreadable forms',
    data: {
      csv: [
        'i,d',
        '1,1',
        '007,1.0',
        '+5,1e3',
        '-0,.5',
        '1.0,5.',
        '1e3,-.5e-2',
        'abc,1e100',
        ' 12 ,1e101',
        ',1e0100',
        'NaN,NaN',
        'Infinity,Infinity',
        '"1,000","1,000"',
        '$5,$5',
        '0x1F,0x1F',
        '99999999999999999999,1E-100',
      ].join('\n'),
      types: { i: 'integer', d: 'decimal' },
    },
    cases: [
      ['IN_RANGE(i, null, null)', 15, 8, 'FAILED', UNREADABLE_I],
      ['IN_RANGE(d, null, null)', 15, 6, 'FAILED', [8, 10, 11, 12, 13, 14]],
      ['IN_RANGE(i, 0, 7)', 15, 10, 'FAILED', [5, 6, 7, 8, 10, 11, 12, 13, 14, 15]],
      ['IN_RANGE(i, 0, 6)', 15, 11, 'FAILED', [2, 5, 6, 7, 8, 10, 11, 12, 13, 14, 15]],
      ['IN_RANGE(i, 1, null)', 15, 9, 'FAILED', [4, ...UNREADABLE_I]],
      ["IN_RANGE(i, '1', '12')", 15, 10, 'FAILED', [4, ...UNREADABLE_I.slice(0, 3), 10, 11, 12, 13, 14, 15]],
      ['ACCEPTED_VALUES(d, [1])', 15, 13, 'FAILED'],
      ['ACCEPTED_VALUES(i, [7, 0])', 15, 12, 'FAILED', [1, 3, 5, 6, 7, 8, 10, 11, 12, 13, 14, 15]],
      ['UNIQUE(d)', 15, 4, 'FAILED', [1, 2, 7, 9]],
      ['UNIQUE(i)', 15, 0, 'PASSED'],
      ['CUSTOM(d > 0.5)', 15, 3, 'FAILED', [4, 6, 15]],
      ["CUSTOM(d >= '1e3')", 15, 6, 'FAILED', [1, 2, 4, 5, 6, 15]],
      ['CUSTOM(i = 7)', 15, 5, 'FAILED', [1, 3, 4, 8, 15]],
      ['CUSTOM(i IS NULL)', 15, 6, 'FAILED', [1, 2, 3, 4, 8, 15]],
      ['NOT_NULL(i)', 15, 1, 'FAILED', [9]],
      ['NOT_NULL(d)', 15, 0, 'PASSED'],
      ['CUSTOM(d = 1e100)', 15, 7, 'FAILED', [1, 2, 3, 4, 5, 6, 15]],
      ['CUSTOM(i = 99999999999999999999)', 15, 5, 'FAILED', [1, 2, 3, 4, 8]],
    ],
  },
  {
    title: 'numbers: 200 characters at most',
    data: {
      csv: `n,d\n${'1'.repeat(200)},${'1'.repeat(199)}.\n${'1'.repeat(201)},${'1'.repeat(200)}.\n`,
      types: { n: 'integer', d: 'decimal' },
    },
    cases: [
      ['IN_RANGE(n, null, null)', 2, 1, 'FAILED', [2]],
      ['IN_RANGE(d, null, null)', 2, 1, 'FAILED', [2]],
      ['CUSTOM(n > 1e100)', 2, 0, 'PASSED'],
    ],
  },
  {
    title: 'numbers: equality across forms',
    data: {
      csv: 'n,s\n1,a\n1.0,A\n1e0,a \n2,b\n0.5,B\n.5,b\n-0,c\n0,C\n',
      types: { n: 'decimal' },
    },
    cases: [
      ['UNIQUE(n)', 8, 7, 'FAILED', [1, 2, 3, 5, 6, 7, 8]],
      ['UNIQUE(s)', 8, 4, 'FAILED', [1, 3, 4, 6]],
      ["ACCEPTED_VALUES(n, [1, '0.5'])", 8, 3, 'FAILED', [4, 7, 8]],
      ['UNIQUE(n, s)', 8, 2, 'FAILED', [1, 3]],
      ['CUSTOM(n IN (0, 2))', 8, 5, 'FAILED', [1, 2, 3, 5, 6]],
    ],
  },
];
