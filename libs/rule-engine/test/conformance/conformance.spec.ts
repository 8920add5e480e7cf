/**
 * The conformance suite: every case on every back end, each compared with its expectation and with
 * DuckDB's answer, so any disagreement fails the build.
 */
import { ALL_GROUPS, caseCount } from './cases';
import {
  duckdbFileBackend,
  inMemoryBackend,
  normalize,
  prepare,
  removeDir,
  tableBackend,
  tempDir,
  type Backend,
  type PreparedGroup,
} from './harness';
import type { NormalizedResult } from './types';

const BACKENDS = ['duckdb', 'sqlite', 'postgres', 'mysql', 'memory'] as const;
const dir = tempDir();
let prepared: PreparedGroup[] = [];
const backends = new Map<string, Backend | undefined>();
/** Every back end's answers, by group, for the cross-check at the end. */
const answers = new Map<number, Map<string, NormalizedResult[]>>();

beforeAll(async () => {
  prepared = await prepare(ALL_GROUPS, dir);
  backends.set('duckdb', await duckdbFileBackend());
  backends.set('sqlite', await tableBackend('sqlite'));
  backends.set('postgres', await tableBackend('postgres'));
  backends.set('mysql', await tableBackend('mysql'));
  backends.set('memory', inMemoryBackend());
}, 120_000);

afterAll(async () => {
  for (const b of backends.values()) await b?.close();
  removeDir(dir);
});

it(`has at least 150 cases (${caseCount()})`, () => {
  expect(caseCount()).toBeGreaterThanOrEqual(150);
});

describe.each(ALL_GROUPS.map((g, i) => [g.title, i] as const))('%s', (_title, index) => {
  it.for(BACKENDS)('%s', async (name, ctx) => {
    const backend = backends.get(name);
    if (!backend) return ctx.skip();
    const g = prepared[index];
    const result = await backend.run(g);
    const got = result.results.map(normalize);
    if (!answers.has(index)) answers.set(index, new Map());
    answers.get(index)?.set(name, got);
    g.group.cases.forEach((c, k) => {
      const actual = got[k];
      const label = `${name}: ${c[0]}`;
      if (c.length === 2) {
        expect.soft(actual.verdict, `${label} → ${JSON.stringify(actual)}`).toBe('ERROR');
        expect.soft(actual.error ?? '', label).toMatch(c[1]);
        return;
      }
      const [, rowsChecked, failedCount, verdict, samples] = c;
      const expected: Partial<NormalizedResult> = { rowsChecked, failedCount, verdict };
      expect
        .soft(
          { rowsChecked: actual.rowsChecked, failedCount: actual.failedCount, verdict: actual.verdict },
          `${label} ${actual.error ?? ''}`,
        )
        .toEqual(expected);
      const expectedSamples =
        samples ?? (verdict === 'FAILED' && actual.samples.length === 0 ? [] : undefined);
      if (expectedSamples) expect.soft(actual.samples, `${label} samples`).toEqual(expectedSamples);
      const duck = answers.get(index)?.get('duckdb')?.[k];
      if (duck && name !== 'duckdb') {
        expect
          .soft({ ...actual, error: undefined }, `${label} agrees with duckdb`)
          .toEqual({ ...duck, error: undefined });
      }
    });
  });
});
