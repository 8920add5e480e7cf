/** WHERE scope (three-valued), zero rows in scope, MOSTLY exactly at the boundary, ROW_COUNT, samples. */
import type { CaseGroup } from '../types';

const THOUSAND = [
  'a,b,c',
  ...Array.from({ length: 1000 }, (_v, k) => {
    const row = k + 1;
    const a = row % 10 === 0 && row <= 50 ? '' : String(row);
    const b = row % 10 === 0 && row <= 60 ? '' : String(row);
    return `${a},${b},${row % 2 ? 'odd' : 'even'}`;
  }),
].join('\n');

export const SCOPE: CaseGroup[] = [
  {
    title: 'scope: WHERE is three-valued, zero rows in scope',
    data: {
      csv: 'id,status,amount\n1,new,10\n2,paid,\n3,,5\n4,refunded,-1\n5,paid,abc\n',
      types: { id: 'integer', amount: 'decimal' },
    },
    cases: [
      ["IN_RANGE(amount, 0, null) WHERE status != 'refunded'", 3, 1, 'FAILED', [5]],
      ["NOT_NULL(amount) WHERE status = 'paid'", 2, 1, 'FAILED', [2]],
      ["CUSTOM(amount > 0) WHERE status IS NULL OR status = 'new'", 2, 0, 'PASSED'],
      ['CUSTOM(amount > 0)', 5, 1, 'FAILED', [4]],
      ['NOT_NULL(status) WHERE amount > 100', 0, 0, 'PASSED'],
      ["ROW_COUNT(2, 2) WHERE status = 'paid'", 2, 0, 'PASSED'],
      ["ROW_COUNT(3, null) WHERE status = 'paid'", 2, 1, 'FAILED'],
      ['UNIQUE(status) WHERE amount IS NOT NULL', 3, 0, 'PASSED'],
      ['UNIQUE(status)', 5, 2, 'FAILED', [2, 5]],
      ["CUSTOM(NOT (status = 'paid')) WHERE amount IS NULL", 2, 2, 'FAILED', [2, 5]],
      ["CUSTOM(FALSE) WHERE status = 'none'", 0, 0, 'PASSED'],
      ['CUSTOM(FALSE) WHERE NULL', 0, 0, 'PASSED'],
      ['CUSTOM(FALSE) WHERE TRUE', 5, 5, 'FAILED', [1, 2, 3, 4, 5]],
      ["NOT_NULL(amount) WHERE NOT (status = 'paid')", 2, 0, 'PASSED'],
      ["NOT_NULL(amount) WHERE status != 'paid' MOSTLY 100%", 2, 0, 'PASSED'],
    ],
  },
  {
    title: 'MOSTLY exactly at the boundary (1000 rows)',
    data: { csv: THOUSAND, types: { a: 'integer', b: 'integer' } },
    cases: [
      ['NOT_NULL(a) MOSTLY 99.5%', 1000, 5, 'PASSED'],
      ['NOT_NULL(b) MOSTLY 99.5%', 1000, 6, 'FAILED', [10, 20, 30, 40, 50, 60]],
      ['NOT_NULL(a) MOSTLY 99.6%', 1000, 5, 'FAILED', [10, 20, 30, 40, 50]],
      ['NOT_NULL(a)', 1000, 5, 'FAILED', [10, 20, 30, 40, 50]],
      ['NOT_NULL(b) MOSTLY 99.4%', 1000, 6, 'PASSED'],
      ['NOT_NULL(a) MOSTLY 0%', 1000, 5, 'PASSED'],
      ["NOT_NULL(a) WHERE c = 'even' MOSTLY 99%", 500, 5, 'PASSED'],
      ["NOT_NULL(b) WHERE c = 'even' MOSTLY 98.8%", 500, 6, 'PASSED'],
      ["NOT_NULL(b) WHERE c = 'even' MOSTLY 98.81%", 500, 6, 'FAILED', [10, 20, 30, 40, 50, 60]],
      ['UNIQUE(c) MOSTLY 0.1%', 1000, 1000, 'FAILED'],
      ['UNIQUE(c) MOSTLY 0%', 1000, 1000, 'PASSED'],
      ['IN_RANGE(a, 1, 990)', 1000, 10, 'FAILED', [991, 992, 993, 994, 995, 996, 997, 998, 999, 1000]],
      [
        'CUSTOM(a < 25)',
        1000,
        973,
        'FAILED',
        Array.from({ length: 20 }, (_v, k) => k + 25 + (k >= 5 ? 1 : 0) + (k >= 14 ? 1 : 0)),
      ],
      ['ROW_COUNT(1000, 1000)', 1000, 0, 'PASSED'],
      ['ROW_COUNT(1001, null) MOSTLY 0%', 1000, 1, 'PASSED'],
    ],
  },
  {
    title: 'MOSTLY with few rows (no floating point at the boundary)',
    data: { csv: 'v\n1\n\n2\n', types: { v: 'integer' } },
    cases: [
      ['NOT_NULL(v) MOSTLY 66.67%', 3, 1, 'FAILED', [2]],
      ['NOT_NULL(v) MOSTLY 66.66%', 3, 1, 'PASSED'],
      ['NOT_NULL(v) MOSTLY 66.666666%', 3, 1, 'PASSED'],
      ['NOT_NULL(v) MOSTLY 66.666667%', 3, 1, 'FAILED', [2]],
    ],
  },
  {
    title: 'samples: at most N, lowest row numbers first',
    data: {
      csv:
        ['id,v', ...Array.from({ length: 30 }, (_v, k) => `${k + 1},${k % 2 ? 'x' : ''}`)].join('\n') + '\n',
    },
    sampleSize: 3,
    cases: [
      ['NOT_NULL(v)', 30, 15, 'FAILED', [1, 3, 5]],
      ["MATCHES(v, 'y')", 30, 15, 'FAILED', [2, 4, 6]],
    ],
  },
  {
    title: 'samples: none when N is 0',
    data: { csv: 'id,v\n1,\n2,x\n' },
    sampleSize: 0,
    cases: [['NOT_NULL(v)', 2, 1, 'FAILED', []]],
  },
];
