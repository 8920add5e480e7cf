/** Remaining clauses: millisecond truncation, code-point order beyond the BMP, typed ACCEPTED_VALUES. */
import type { CaseGroup } from '../types';

export const MORE: CaseGroup[] = [
  {
    title: 'timestamps compare at millisecond precision (fractions truncated)',
    data: {
      csv: 'ts\n2024-01-01T10:00:00.1239Z\n2024-01-01T10:00:00.123Z\n2024-01-01 10:00:00.123999999\n2024-01-01T10:00:00.9999Z\n2024-01-01T10:00:01Z\n2024-01-01T10:00:00.1+00:00\n2024-01-01T10:00:00.100\n',
      types: { ts: 'timestamp' },
    },
    cases: [
      ['UNIQUE(ts)', 7, 5, 'FAILED', [1, 2, 3, 6, 7]],
      ["CUSTOM(ts < '2024-01-01T10:00:01Z')", 7, 1, 'FAILED', [5]],
      ["CUSTOM(ts = '2024-01-01T10:00:00.999Z')", 7, 6, 'FAILED', [1, 2, 3, 5, 6, 7]],
      [
        "ACCEPTED_VALUES(ts, ['2024-01-01T10:00:00.123Z', '2024-01-01T12:00:01+02:00'])",
        7,
        3,
        'FAILED',
        [4, 6, 7],
      ],
    ],
  },
  {
    title: 'text order is by code point, also beyond U+FFFF',
    data: { csv: 'w\n\uffff\n😀\n\ud7ff\nz\n\u00e9\n' },
    cases: [
      ["IN_RANGE(w, null, '\uffff')", 5, 1, 'FAILED', [2]],
      ["IN_RANGE(w, '\ud7ff', null)", 5, 2, 'FAILED', [4, 5]],
      ["CUSTOM(w > 'z')", 5, 1, 'FAILED', [4]],
      ["CUSTOM(w >= '😀')", 5, 4, 'FAILED', [1, 3, 4, 5]],
      ['UNIQUE(w)', 5, 0, 'PASSED'],
      ['CUSTOM(length(w) = 1)', 5, 0, 'PASSED'],
    ],
  },
  {
    title: 'ACCEPTED_VALUES compares typed values',
    data: {
      csv: 'd,n,s\n2024-01-01,1,1\n2024-01-02,1.0,1.0\n2024-1-3,01,01\n,1e0,1e0\n',
      types: { d: 'date', n: 'decimal' },
    },
    cases: [
      ["ACCEPTED_VALUES(d, ['2024-01-01', '2024-01-02T00:00:00Z'])", 4, 1, 'FAILED', [3]],
      ['ACCEPTED_VALUES(n, [1])', 4, 0, 'PASSED'],
      ["ACCEPTED_VALUES(s, ['1'])", 4, 3, 'FAILED', [2, 3, 4]],
      ["ACCEPTED_VALUES(n, ['1.00', 2])", 4, 0, 'PASSED'],
      ['ACCEPTED_VALUES(s, [1])', /text/],
    ],
  },
];
