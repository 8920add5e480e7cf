/** The file's shape: CRLF, no final newline, quoted commas/quotes/newlines, odd and duplicated headers. */
import type { CaseGroup } from '../types';

export const CSV_SHAPE: CaseGroup[] = [
  {
    title: 'csv: CRLF, quoted commas, doubled quotes, quoted CRLF, no final newline',
    data: { csv: 'id,note\r\n1,"a,b"\r\n2,"say ""hi"""\r\n3,"line1\r\nline2"\r\n4,plain\r\n5,"x"' },
    cases: [
      ["MATCHES(note, ',')", 5, 4, 'FAILED', [2, 3, 4, 5]],
      ["MATCHES(note, '\"')", 5, 4, 'FAILED', [1, 3, 4, 5]],
      ["MATCHES(note, '^line1')", 5, 4, 'FAILED', [1, 2, 4, 5]],
      ["MATCHES(note, 'line1.line2')", 5, 5, 'FAILED', [1, 2, 3, 4, 5]],
      ["MATCHES(note, '(?s)line1..line2')", 5, 4, 'FAILED', [1, 2, 4, 5]],
      ['CUSTOM(length(note) = 12)', 5, 4, 'FAILED', [1, 2, 4, 5]],
      ['NOT_NULL(note)', 5, 0, 'PASSED'],
      ['ROW_COUNT(5, 5)', 5, 0, 'PASSED'],
      ['CUSTOM(note != \'say "hi"\')', 5, 1, 'FAILED', [2]],
    ],
  },
  {
    title: 'csv: LF, quoted newlines keep record numbers, empty last field, no final newline',
    data: { csv: 'k,v,w\na,"1\n2\n3",x\nb,,y\nc,"",\nd,4,"z\n"\ne,5,' },
    cases: [
      ['NOT_NULL(v)', 5, 2, 'FAILED', [2, 3]],
      ['NOT_NULL(w)', 5, 2, 'FAILED', [3, 5]],
      ["MATCHES(w, '^z$')", 5, 2, 'FAILED', [1, 2]],
      ["CUSTOM(k != 'd')", 5, 1, 'FAILED', [4]],
      ["MATCHES(v, '^1')", 5, 2, 'FAILED', [4, 5]],
      ['ROW_COUNT(null, 4)', 5, 1, 'FAILED'],
    ],
  },
  {
    title: 'csv: odd, reserved and duplicated header names',
    data: {
      csv: 'id, my col ,$amount,"a""b",select,A,a,,where\n1,x,3,4,5,6,7,8,9\n2,,3,,5,6,7,,\n',
      types: { $amount: 'integer', a_1: 'integer' },
    },
    cases: [
      ['NOT_NULL("my col")', 2, 1, 'FAILED', [2]],
      ['UNIQUE("$amount")', 2, 2, 'FAILED', [1, 2]],
      ['NOT_NULL("a""b")', 2, 1, 'FAILED', [2]],
      ['NOT_NULL("select")', 2, 0, 'PASSED'],
      ['UNIQUE(A)', 2, 2, 'FAILED', [1, 2]],
      ['IN_RANGE(a_1, 7, 7)', 2, 0, 'PASSED'],
      ['NOT_NULL(column7)', 2, 1, 'FAILED', [2]],
      ['NOT_NULL("where")', 2, 1, 'FAILED', [2]],
      ['NOT_NULL(a)', /'a'/],
      ['CUSTOM("$amount" + a_1 = 10)', 2, 0, 'PASSED'],
    ],
  },
  {
    title: 'csv: a header without data rows',
    data: { csv: 'a,b\n', types: { a: 'integer' } },
    cases: [
      ['ROW_COUNT(0, 0)', 0, 0, 'PASSED'],
      ['ROW_COUNT(1, null)', 0, 1, 'FAILED'],
      ['NOT_NULL(a)', 0, 0, 'PASSED'],
      ['UNIQUE(a, b)', 0, 0, 'PASSED'],
      ['CUSTOM(a > 0)', 0, 0, 'PASSED'],
      ["FRESHNESS(b, '1d')", /FRESHNESS needs a date or timestamp/],
    ],
  },
  {
    title: 'csv: byte-order mark and a blank line in a single-column file',
    data: { csv: '\ufeffv\r\n1\r\n\r\n2\r\n' },
    cases: [
      ['NOT_NULL(v)', 3, 1, 'FAILED', [2]],
      ['ROW_COUNT(3, 3)', 3, 0, 'PASSED'],
    ],
  },
];
