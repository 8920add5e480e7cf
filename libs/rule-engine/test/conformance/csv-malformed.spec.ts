/**
 * Malformed CSV through the DuckDB back end: every file is either read by the documented rule
 * (lib/sql/csv.ts) with exact counts, or every rule ends in ERROR naming the line — never a silently
 * wrong count.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRule } from '../../src/lib/dsl/parse';
import type { DatasetRef, RuleSetResult } from '../../src/lib/model';
import { diagnoseCsv } from '../../src/lib/sql/csv';
import { runRuleSet } from '../../src/lib/sql/run';
import { duckdbDatabase } from '../support/runners';
import { removeDir, tempDir } from './harness';

const dir = tempDir();
let db: Awaited<ReturnType<typeof duckdbDatabase>>;

beforeAll(async () => {
  mkdirSync(dir, { recursive: true });
  db = await duckdbDatabase();
});
afterAll(async () => {
  await db.close();
  removeDir(dir);
});

let n = 0;
async function run(
  content: string | Buffer,
  columns: string[],
  ruleTexts: string[],
  source: Partial<Extract<DatasetRef['source'], { kind: 'csv' }>> = {},
): Promise<RuleSetResult> {
  const path = join(dir, `f${n++}.csv`);
  writeFileSync(path, content);
  const rules = ruleTexts.map((text, i) => {
    const p = parseRule(text);
    if (!p.ok) throw new Error(text);
    return { id: `r${i}`, ast: p.ast };
  });
  const ds: DatasetRef = {
    name: 'file',
    schema: { columns: columns.map((name) => ({ name, type: 'string' as const })), nullMarkers: [] },
    source: { kind: 'csv', path, ...source },
  };
  return runRuleSet(db.runner, ds, rules);
}

const lines = (count: number, from = 1) =>
  Array.from({ length: count }, (_v, k) => `${k + from},v${k + from}`);

function expectErrorAtLine(result: RuleSetResult, line: number, reason: RegExp): void {
  for (const r of result.results) {
    expect(r.verdict).toBe('ERROR');
    expect(r.error).toMatch(new RegExp(`line ${line}\\b`));
    expect(r.error).toMatch(reason);
  }
}

describe('malformed CSV: an ERROR naming the line', () => {
  it('a row with too few fields (near the top: DuckDB names no line, the diagnosis does)', async () => {
    const r = await run('a,b,c\n1,2,3\n4,5\n6,7,8\n', ['a', 'b', 'c'], ['NOT_NULL(a)', 'ROW_COUNT(3, 3)']);
    expectErrorAtLine(r, 3, /expected 3 fields, found 2/);
  });

  it('a row with too many fields', async () => {
    const r = await run('a,b\n1,2\n3,4,5\n6,7\n', ['a', 'b'], ['NOT_NULL(a)']);
    expectErrorAtLine(r, 3, /expected 2 fields, found 3/);
  });

  it('a ragged row deep in the file (after the part DuckDB samples)', async () => {
    const body = ['a,b', ...lines(50000), '50001,x,extra', ...lines(10, 50002)].join('\n') + '\n';
    const r = await run(body, ['a', 'b'], ['NOT_NULL(a)', 'UNIQUE(a)']);
    expectErrorAtLine(r, 50002, /Expected Number of Columns: 2 Found: 3/);
  });

  it('an unterminated quote', async () => {
    const r = await run('a,b\n1,"x\n2,y\n3,z\n', ['a', 'b'], ['NOT_NULL(b)']);
    expectErrorAtLine(r, 2, /never closed|unterminated/i);
  });

  it('text after a closing quote, deep in the file', async () => {
    const body = ['a,b', ...lines(50000), '50001,"x"y', ...lines(5, 50002)].join('\n') + '\n';
    const r = await run(body, ['a', 'b'], ['NOT_NULL(b)']);
    expectErrorAtLine(r, 50002, /quote/i);
  });

  it('bytes that are not UTF-8', async () => {
    const r = await run(
      Buffer.from([...Buffer.from('a,b\n1,ok\n2,'), 0xff, 0xfe, ...Buffer.from('\n')]),
      ['a', 'b'],
      ['NOT_NULL(b)'],
    );
    expectErrorAtLine(r, 3, /unicode|utf-8/i);
  });

  it('CRLF and LF mixed near the top', async () => {
    const r = await run('a,b\r\n1,2\n3,4\r\n', ['a', 'b'], ['NOT_NULL(a)']);
    expectErrorAtLine(r, 2, /ends with LF, earlier lines with CRLF/);
  });

  it('CRLF and LF mixed deep in the file', async () => {
    const body = ['a,b', ...lines(50000)].join('\n') + '\r\n' + lines(5, 50001).join('\n') + '\n';
    const r = await run(body, ['a', 'b'], ['NOT_NULL(a)']);
    expectErrorAtLine(r, 50001, /ends with CRLF, earlier lines with LF/);
  });

  it('a 10 MB cell (longer than the 2 MB record limit)', async () => {
    const big = 'x'.repeat(10_000_000);
    const r = await run(`a,b\n1,2\n2,"${big}"\n3,4\n`, ['a', 'b'], ['NOT_NULL(b)']);
    expectErrorAtLine(r, 3, /a record of 10000004 bytes, longer than 2000000/);
  });

  it('a missing file', async () => {
    const result = await runRuleSet(
      db.runner,
      {
        name: 'gone',
        schema: { columns: [{ name: 'a', type: 'string' }], nullMarkers: [] },
        source: { kind: 'csv', path: join(dir, 'does-not-exist.csv') },
      },
      [{ id: 'r', ast: (parseRule('NOT_NULL(a)') as { ok: true; ast: never }).ast }],
    );
    expect(result.results[0]).toMatchObject({ verdict: 'ERROR' });
    expect(result.results[0].error).toMatch(/missing or unreadable/);
  });
});

describe('malformed CSV: read by the documented rule', () => {
  it('a byte-order mark is dropped from the first header name', async () => {
    const r = await run('\ufeffa,b\n1,2\n,3\n', ['a', 'b'], ['NOT_NULL(a)']);
    expect(r.results[0]).toMatchObject({ verdict: 'FAILED', rowsChecked: 2, failedCount: 1 });
    expect(r.results[0].samples.map((s) => s.rowNumber)).toEqual([2]);
  });

  it('a cell of 1.9 MB reads whole', async () => {
    const big = 'x'.repeat(1_900_000);
    const r = await run(`a,b\n1,"${big}"\n2,\n`, ['a', 'b'], ['NOT_NULL(b)', 'CUSTOM(length(b) = 1900000)']);
    expect(r.results[0]).toMatchObject({ rowsChecked: 2, failedCount: 1 });
    expect(r.results[1]).toMatchObject({ rowsChecked: 2, failedCount: 0, verdict: 'PASSED' });
  });

  it('duplicate and empty header names get suffixes and positions', async () => {
    const r = await run(
      'a,a,A,,b\n1,2,3,4,\n',
      ['a', 'a_1', 'A_2', 'column3', 'b'],
      ['NOT_NULL(a)', 'NOT_NULL(a_1)', 'NOT_NULL(A_2)', 'NOT_NULL(column3)', 'NOT_NULL(b)'],
    );
    expect(r.results.map((x) => x.failedCount)).toEqual([0, 0, 0, 0, 1]);
    expect(r.results.every((x) => x.rowsChecked === 1)).toBe(true);
  });

  it('a header without rows, and an empty file (whose columns are then missing)', async () => {
    const noRows = await run('a,b\n', ['a', 'b'], ['ROW_COUNT(0, 0)', 'NOT_NULL(a)']);
    expect(noRows.results.map((x) => x.verdict)).toEqual(['PASSED', 'PASSED']);
    const empty = await run('', ['a'], ['NOT_NULL(a)']);
    expect(empty.results[0].verdict).toBe('ERROR');
    expect(empty.results[0].error).toMatch(/Column 'a' is not in dataset 'file'/);
  });

  it('a blank line is no record in a file of several columns, and a null cell in a one-column file', async () => {
    const two = await run('a,b\n1,2\n\n3,4\n', ['a', 'b'], ['ROW_COUNT(2, 2)']);
    expect(two.results[0]).toMatchObject({ verdict: 'PASSED', rowsChecked: 2 });
    const one = await run('a\n1\n\n3\n', ['a'], ['NOT_NULL(a)']);
    expect(one.results[0]).toMatchObject({ rowsChecked: 3, failedCount: 1 });
  });

  it('NUL characters stay inside the value', async () => {
    const r = await run('a,b\n1,x\u0000y\n', ['a', 'b'], ["MATCHES(b, '^x.y$')", 'CUSTOM(length(b) = 3)']);
    expect(r.results.map((x) => x.verdict)).toEqual(['PASSED', 'PASSED']);
  });

  it('a Latin-1 file read with its encoding', async () => {
    const bytes = Buffer.from([...Buffer.from('a\n'), 0xe9, ...Buffer.from('t'), 0xe9, 0x0a]);
    const r = await run(bytes, ['a'], ["ACCEPTED_VALUES(a, ['été'])"], { encoding: 'latin-1' });
    expect(r.results[0]).toMatchObject({ verdict: 'PASSED', rowsChecked: 1 });
  });

  it('another delimiter and quote, as the source says', async () => {
    const r = await run("a;b\n1;'x;y'\n2;'it''s'\n", ['a', 'b'], ["ACCEPTED_VALUES(b, ['x;y', 'it''s'])"], {
      delimiter: ';',
      quote: "'",
    });
    expect(r.results[0]).toMatchObject({ verdict: 'PASSED', rowsChecked: 2 });
  });
});

describe('diagnoseCsv', () => {
  it('finds the first structural problem and its physical line', () => {
    expect(diagnoseCsv('a,b\n1,"x\ny",3\n')).toEqual({ line: 2, message: 'expected 2 fields, found 3' });
    expect(diagnoseCsv('a,b\n1,"x""y"\n2,3')).toBeUndefined();
    expect(diagnoseCsv('a,b\n1,x"y\n')).toEqual({ line: 2, message: 'a quote inside an unquoted value' });
    expect(diagnoseCsv('a\r\nb\rc\r\n')).toEqual({
      line: 2,
      message: 'a carriage return without a line feed',
    });
    expect(diagnoseCsv('a;b\n1;2;3\n', { delimiter: ';' })?.line).toBe(2);
    expect(diagnoseCsv('a,b\n1,2\n3')).toEqual({ line: 3, message: 'expected 2 fields, found 1' });
  });
});
