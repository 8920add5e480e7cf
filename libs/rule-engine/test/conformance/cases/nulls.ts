/** SEMANTICS rule 2: empty and white-space cells, null markers (exact, after trimming), NA/None as values. */
import type { CaseGroup } from '../types';

export const NULLS: CaseGroup[] = [
  {
    title: 'nulls and null markers',
    data: {
      csv: [
        'id,name,code',
        '1,alice,A1',
        '2,,B2',
        '3,   ,C3',
        '4,NULL,D4',
        '5, N/A ,E5',
        '6,null,F6',
        '7,NA,G7',
        '8,None,H8',
        '9,"",I9',
        '10,-,-',
        '11,"  x  ",',
        '12,NULLS,K',
        '',
      ].join('\n'),
      types: { id: 'integer' },
      nullMarkers: ['NULL', 'N/A', '-'],
    },
    cases: [
      ['NOT_NULL(name)', 12, 6, 'FAILED', [2, 3, 4, 5, 9, 10]],
      ['NOT_NULL(code)', 12, 2, 'FAILED', [10, 11]],
      ['NOT_NULL(id)', 12, 0, 'PASSED'],
      ["CUSTOM(name IS NULL OR name = 'NA' OR name = 'None' OR name = 'null')", 12, 3, 'FAILED', [1, 11, 12]],
      ["ACCEPTED_VALUES(name, ['NA', 'None'])", 12, 4, 'FAILED', [1, 6, 11, 12]],
      ['UNIQUE(name)', 12, 0, 'PASSED'],
      ['NOT_NULL(name) MOSTLY 50%', 12, 6, 'PASSED'],
      ['NOT_NULL(name) MOSTLY 50.1%', 12, 6, 'FAILED', [2, 3, 4, 5, 9, 10]],
      ['NOT_NULL(name) WHERE id > 6', 6, 2, 'FAILED', [9, 10]],
      ['CUSTOM(trim(name) = name)', 12, 0, 'PASSED'],
      ["MATCHES(name, '^N')", 12, 3, 'FAILED', [1, 6, 11]],
      ["CUSTOM(name = 'x')", 12, 5, 'FAILED', [1, 6, 7, 8, 12]],
    ],
  },
  {
    title: 'no null markers by default',
    data: { csv: 'v\nNULL\nN/A\n\nx\nnone\n' },
    cases: [
      ['NOT_NULL(v)', 5, 1, 'FAILED', [3]],
      ["ACCEPTED_VALUES(v, ['NULL', 'N/A', 'x'])", 5, 1, 'FAILED', [5]],
      ['UNIQUE(v)', 5, 0, 'PASSED'],
    ],
  },
  {
    title: 'null markers are exact and case-sensitive',
    data: {
      csv: 'v,n\nnull,1\nNULL,2\n Null ,3\n#N/A,#N/A\n?,?\n',
      types: { n: 'integer' },
      nullMarkers: ['Null', '#N/A', '?'],
    },
    cases: [
      ['NOT_NULL(v)', 5, 3, 'FAILED', [3, 4, 5]],
      ['NOT_NULL(n)', 5, 2, 'FAILED', [4, 5]],
      ['IN_RANGE(n, null, null)', 5, 0, 'PASSED'],
      ["ACCEPTED_VALUES(v, ['null', 'NULL'])", 5, 0, 'PASSED'],
    ],
  },
];
