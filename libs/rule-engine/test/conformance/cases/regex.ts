/** MATCHES and regexp_like: RE2 search semantics on every back end, including catastrophic patterns. */
import type { CaseGroup } from '../types';

const LONG = `${'a'.repeat(10000)}b`;

export const REGEX: CaseGroup[] = [
  {
    title: 'regex: RE2 semantics (ASCII classes, dot and newline, folding, Unicode, anchors)',
    data: {
      csv:
        ['v', 'abc', 'ABC', 'a1', '١٢٣', '"line1\nline2"', '\u212a', 'in a word', LONG, 'é'].join('\n') +
        '\n',
    },
    cases: [
      ["MATCHES(v, '\\d')", 9, 7, 'FAILED', [1, 2, 4, 6, 7, 8, 9]],
      ["MATCHES(v, '^[[:alpha:]]+$')", 9, 6, 'FAILED', [3, 4, 5, 6, 7, 9]],
      ["MATCHES(v, '(?i)^k$')", 9, 8, 'FAILED', [1, 2, 3, 4, 5, 7, 8, 9]],
      ["MATCHES(v, '(?i)abc')", 9, 7, 'FAILED', [3, 4, 5, 6, 7, 8, 9]],
      ["MATCHES(v, '^line1.line2$')", 9, 9, 'FAILED'],
      ["MATCHES(v, '(?s)^line1.line2$')", 9, 8, 'FAILED', [1, 2, 3, 4, 6, 7, 8, 9]],
      ["MATCHES(v, '(?m)^line2$')", 9, 8, 'FAILED', [1, 2, 3, 4, 6, 7, 8, 9]],
      ["MATCHES(v, '\\bword\\b')", 9, 8, 'FAILED', [1, 2, 3, 4, 5, 6, 8, 9]],
      ["MATCHES(v, '\\pL')", 9, 1, 'FAILED', [4]],
      ["MATCHES(v, '\\p{Greek}')", 9, 9, 'FAILED'],
      ["MATCHES(v, '(a+)+$')", 9, 9, 'FAILED'],
      ["MATCHES(v, '(a|aa)*c$')", 9, 8, 'FAILED', [2, 3, 4, 5, 6, 7, 8, 9]],
      ["MATCHES(v, 'a{2,3}b$')", 9, 8, 'FAILED', [1, 2, 3, 4, 5, 6, 7, 9]],
      ["MATCHES(v, 'é')", 9, 8, 'FAILED', [1, 2, 3, 4, 5, 6, 7, 8]],
      ["MATCHES(v, '^.{3}$')", 9, 6, 'FAILED', [3, 5, 6, 7, 8, 9]],
      ["MATCHES(v, '[^a-z]')", 9, 2, 'FAILED', [1, 8]],
      ["MATCHES(v, 'x{300}')", 9, 9, 'FAILED'],
      ["MATCHES(v, 'a{300}')", 9, 8, 'FAILED', [1, 2, 3, 4, 5, 6, 7, 9]],
      ["MATCHES(v, '\\x{212A}|\\x{00E9}')", 9, 7, 'FAILED', [1, 2, 3, 4, 5, 7, 8]],
      ["MATCHES(v, '^[\\w ]+$')", 9, 4, 'FAILED', [4, 5, 6, 9]],
      ["MATCHES(v, '\\s')", 9, 7, 'FAILED', [1, 2, 3, 4, 6, 8, 9]],
      ["MATCHES(v, '(?:b|B)(?:c|C)')", 9, 7, 'FAILED', [3, 4, 5, 6, 7, 8, 9]],
      ["CUSTOM(regexp_like(v, '^a') OR regexp_like(v, '^A'))", 9, 5, 'FAILED', [4, 5, 6, 7, 9]],
      ["CUSTOM(NOT regexp_like(v, '(a+)+$'))", 9, 0, 'PASSED'],
      ["MATCHES(v, '.') WHERE regexp_like(v, '^[a-z]')", 5, 0, 'PASSED'],
    ],
  },
];
