/**
 * Differential test of the RE2 → PostgreSQL rewriting: for every pattern it rewrites, PostgreSQL's
 * answer on each text equals RE2's (re2-wasm). Patterns it refuses are matched client-side instead.
 */
import pg from 'pg';
import { re2ToPostgres } from '../../src/lib/sql/regex-postgres';
import { serviceAvailable, TEST_DATABASE_URL } from '../support/services';
import { RE2_ENGINE } from './harness';

const PATTERNS = [
  'abc',
  '^abc$',
  'a.c',
  '(?s)a.c',
  '^$',
  'a|b|',
  '\\d+',
  '\\D',
  '\\s',
  '\\S+',
  '\\w+$',
  '\\W',
  '[[:alpha:]]+',
  '[[:^digit:]]',
  '[^a-c]',
  '[a-c\\d]',
  '[\\]\\-^]',
  '\\.',
  '\\\\',
  '\\(\\)',
  'a{2}',
  'a{2,}',
  'a{0,3}b',
  '(ab)+',
  '(?:a|bc)*d',
  '(?i)abc',
  '(?i)[k-m]',
  '(?i)s',
  'é+',
  '[à-ÿ]',
  '\\x{1F600}',
  '[😀-😂]',
  '\\t',
  '\\n',
  '^\\s*$',
  '\\Aab',
  'ab\\z',
  '(?i:ab)c',
  'a*?b',
  '(a+)+$',
  '[\\x{100}-\\x{10FFFF}]',
  '.{3}',
  '\\$',
  'x+y?z*',
  '[^\\n]',
  '\\f|\\v',
  '(?U)a+',
];
const TEXTS = [
  '',
  'abc',
  'ABC',
  'a\nc',
  'aXc',
  'ab',
  'b',
  '123',
  'a1',
  ' ',
  '\t',
  'x y',
  'é',
  'éé',
  'à',
  'ÿ',
  '😀',
  '😁',
  'K',
  'k',
  'ſ',
  'S',
  's',
  ']',
  '-',
  '^',
  '.',
  '\\',
  '()',
  'aa',
  'aaa',
  'aab',
  'abab',
  'bcd',
  'd',
  'abcd',
  'ab\n',
  '\nab',
  'Ab',
  'aBc',
  '$',
  'xz',
  'xyz',
  '\f',
  '\u000b',
  'ā',
  'a\u0000b'.replace('\u0000', ''),
  '٣',
];

describe('RE2 patterns rewritten for PostgreSQL match exactly as in RE2', () => {
  it('on every text', async (ctx) => {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    if (!(await serviceAvailable('postgres', async () => void (await client.connect())))) return ctx.skip();
    try {
      let rewritten = 0;
      for (const pattern of PATTERNS) {
        const translated = re2ToPostgres(pattern);
        if (translated === undefined) continue;
        rewritten++;
        const re2 = RE2_ENGINE.compile(pattern);
        const res = await client.query<{ s: string; m: boolean }>(
          'SELECT s, s ~ $1 AS m FROM unnest($2::text[]) AS s',
          [translated, TEXTS],
        );
        for (const { s, m } of res.rows) {
          expect
            .soft(m, `${JSON.stringify(pattern)} → ${JSON.stringify(translated)} on ${JSON.stringify(s)}`)
            .toBe(re2(s));
        }
      }
      expect(rewritten).toBeGreaterThan(40);
    } finally {
      await client.end();
    }
  });
});
