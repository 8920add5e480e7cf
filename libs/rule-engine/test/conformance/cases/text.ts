/** Text: leading zeros stay, exact case-sensitive comparison, code-point order, Unicode, trimming. */
import type { CaseGroup } from '../types';

export const TEXT: CaseGroup[] = [
  {
    title: 'text: zip codes, case, code-point order, unicode',
    data: {
      csv: 'zip,name,word\n00501,Émile,b\n02134,émile,a\n501,EMILE,B\n00501 ,Zoë,é\n 00501,zoë,z\n10001,😀 smile,ä\n',
    },
    cases: [
      ['UNIQUE(zip)', 6, 3, 'FAILED', [1, 4, 5]],
      ["ACCEPTED_VALUES(zip, ['00501', '02134'])", 6, 2, 'FAILED', [3, 6]],
      ["CUSTOM(zip = '501')", 6, 5, 'FAILED', [1, 2, 4, 5, 6]],
      ["ACCEPTED_VALUES(name, ['Émile'])", 6, 5, 'FAILED', [2, 3, 4, 5, 6]],
      ["IN_RANGE(word, 'a', 'b')", 6, 4, 'FAILED', [3, 4, 5, 6]],
      ["IN_RANGE(word, 'B', 'z')", 6, 2, 'FAILED', [4, 6]],
      ["IN_RANGE(word, null, 'B')", 6, 5, 'FAILED', [1, 2, 4, 5, 6]],
      ["CUSTOM(word < 'é')", 6, 1, 'FAILED', [4]],
      ["CUSTOM(word BETWEEN 'a' AND 'z')", 6, 3, 'FAILED', [3, 4, 6]],
      ['CUSTOM(length(name) = 5)', 6, 3, 'FAILED', [4, 5, 6]],
      ["CUSTOM(lower(name) = 'émile')", 6, 4, 'FAILED', [3, 4, 5, 6]],
      ["CUSTOM(upper(name) = 'ÉMILE')", 6, 4, 'FAILED', [3, 4, 5, 6]],
      ["CUSTOM(upper(name) = 'ZOË')", 6, 4, 'FAILED', [1, 2, 3, 6]],
      ["MATCHES(name, '^[A-Z]')", 6, 4, 'FAILED', [1, 2, 5, 6]],
      ["MATCHES(name, 'ë$')", 6, 4, 'FAILED', [1, 2, 3, 6]],
      ["CUSTOM(name != 'zoë')", 6, 1, 'FAILED', [5]],
      ['UNIQUE(name)', 6, 0, 'PASSED'],
      ["MATCHES(name, '^.{5}$')", 6, 3, 'FAILED', [4, 5, 6]],
    ],
  },
  {
    title: 'text: only ASCII white space is trimmed',
    data: { csv: 'v\n"\u00a0x"\nx\n"\tx\t"\n"x\u00a0"\n"\u200bx"\n" x "\n"\u00a0"\n' },
    cases: [
      ['UNIQUE(v)', 7, 3, 'FAILED', [2, 3, 6]],
      ["ACCEPTED_VALUES(v, ['x'])", 7, 4, 'FAILED', [1, 4, 5, 7]],
      ['CUSTOM(length(v) = 1)', 7, 3, 'FAILED', [1, 4, 5]],
      ['CUSTOM(length(trim(v)) = 1)', 7, 3, 'FAILED', [1, 4, 5]],
      ['NOT_NULL(v)', 7, 0, 'PASSED'],
      ["MATCHES(v, '^x$')", 7, 4, 'FAILED', [1, 4, 5, 7]],
    ],
  },
  {
    title: 'text: case mapping of lower() and upper()',
    data: { csv: 's\nHello\n ß \nİx\nǄ\nabc\nΣίσυφος\nПривет\n' },
    cases: [
      ['CUSTOM(length(s) = 2)', 7, 6, 'FAILED', [1, 2, 4, 5, 6, 7]],
      ["CUSTOM(upper(s) IN ('HELLO', 'ß', 'İX', 'Ǆ', 'ABC', 'ΣΊΣΥΦΟΣ', 'ПРИВЕТ'))", 7, 0, 'PASSED'],
      ["CUSTOM(lower(s) IN ('hello', 'ß', 'ix', 'ǆ', 'abc', 'σίσυφος', 'привет'))", 7, 0, 'PASSED'],
      ["CUSTOM(lower(s) = 'hello')", 7, 6, 'FAILED', [2, 3, 4, 5, 6, 7]],
      ['CUSTOM(trim(s) = s)', 7, 0, 'PASSED'],
      ["CUSTOM(regexp_like(s, '^[a-z]+$'))", 7, 6, 'FAILED', [1, 2, 3, 4, 6, 7]],
      ["CUSTOM(regexp_like(lower(s), '^[a-z]+$'))", 7, 4, 'FAILED', [2, 4, 6, 7]],
    ],
  },
];
