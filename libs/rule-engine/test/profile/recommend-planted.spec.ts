import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatRule } from '../../src/lib/dsl/format';
import { parseRule } from '../../src/lib/dsl/parse';
import type { DatasetRef } from '../../src/lib/model';
import { profileDataset } from '../../src/lib/profile/profile-dataset';
import { profileRows } from '../../src/lib/profile/profile-rows';
import type { DatasetProfile } from '../../src/lib/profile/types';
import { backtestInMemory, backtestOnSql } from '../../src/lib/recommend/backtest';
import { recommendRules } from '../../src/lib/recommend/recommend';
import type { Suggestion } from '../../src/lib/recommend/types';
import { duckdbDatabase, type TestDatabase } from '../support/runners';
import { textSchema } from './helpers';
import { plantedCustomers, plantedOrders, toCsv, toObjects, type PlantedTable } from './planted';

// Real databases on a shared 2-core machine: allow for a slow moment.
vi.setConfig({ testTimeout: 60_000 });

const orders = plantedOrders();
const customers = plantedCustomers();
const NOW = new Date('2024-06-01T12:00:00Z');

/** The planted properties and the rule each must produce (canonical DSL). */
const EXPECTED = [
  'NOT_NULL(order_id)',
  'UNIQUE(order_id)',
  'FOREIGN_KEY(customer_id) REFERENCES customers(customer_id)',
  'NOT_NULL(email)',
  "MATCHES(email, '^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}$')",
  'NOT_NULL(amount) MOSTLY 95.94%',
  'IN_RANGE(amount, 0, NULL)',
  "ACCEPTED_VALUES(status, ['paid', 'new', 'shipped', 'cancelled'])",
  "MATCHES(zip, '^[0-9]{5}$')",
  "MATCHES(created_at, '^[0-9]{4}/[0-9]{2}/[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}$')",
  'ROW_COUNT(1, NULL)',
];

function dsl(list: Suggestion[]): string[] {
  return list.map((s) => s.dsl);
}

function inMemory(t: PlantedTable): DatasetProfile {
  return { ...profileRows(textSchema(t), toObjects(t), { now: NOW }), dataset: t.name };
}

describe('recommendRules on planted data (in memory)', () => {
  const o = inMemory(orders);
  const c = inMemory(customers);
  const others = [{ name: 'customers', profile: c, rows: toObjects(customers) }];
  const suggestions = recommendRules(o, { otherDatasets: others });

  it('finds every planted property with the right rule', () => {
    for (const rule of EXPECTED) expect(dsl(suggestions)).toContain(rule);
  });

  it('gives each suggestion a rationale with its numbers and a confidence between 0 and 1', () => {
    for (const s of suggestions) {
      expect(s.rationale.length).toBeGreaterThan(20);
      expect(s.confidence).toBeGreaterThan(0);
      expect(s.confidence).toBeLessThanOrEqual(1);
    }
    const mostly = suggestions.find((s) => s.dsl.startsWith('NOT_NULL(amount)'));
    expect(mostly?.rationale).toMatch(/970 of 1,000 rows/);
    // Evidence-backed rules rank above the MOSTLY estimate.
    const complete = suggestions.find((s) => s.dsl === 'NOT_NULL(order_id)');
    expect(complete?.confidence).toBeGreaterThan(mostly?.confidence ?? 1);
  });

  it('prints canonical DSL that parses back to the same rule', () => {
    for (const s of suggestions) {
      const parsed = parseRule(s.dsl);
      expect(parsed.ok).toBe(true);
      if (parsed.ok) expect(formatRule(parsed.ast)).toBe(s.dsl);
    }
  });

  it('proposes no UNIQUE at or below 500 rows and nothing beyond what the data shows', () => {
    const forCustomers = dsl(recommendRules(c));
    expect(forCustomers.some((r) => r.startsWith('UNIQUE'))).toBe(false);
    expect(forCustomers).toContain("ACCEPTED_VALUES(country, ['NL', 'GB', 'ES', 'DE', 'FR', 'US'])");
    // Not unique, not categorical, not complete: note gets only its MOSTLY completeness rule.
    expect(dsl(suggestions).filter((r) => r.includes('(note'))).toEqual(['NOT_NULL(note) MOSTLY 93.76%']);
    // zip codes are strings: no numeric range for them, and no UNIQUE for decimals.
    expect(dsl(suggestions).some((r) => r.startsWith('IN_RANGE(zip'))).toBe(false);
    expect(dsl(suggestions).some((r) => r.startsWith('UNIQUE(amount'))).toBe(false);
  });

  it('passes every suggestion on its own data (in-memory back-test)', async () => {
    const out = await backtestInMemory(textSchema(orders), toObjects(orders), o, suggestions, {
      otherDatasets: others,
    });
    expect(out.rejected.map((s) => `${s.dsl}: ${s.backtest?.status} ${s.backtest?.message ?? ''}`)).toEqual(
      [],
    );
    expect(out.accepted).toHaveLength(suggestions.length);
    for (const s of out.accepted) expect(s.backtest).toMatchObject({ status: 'passed' });
  });

  it('rejects a rule that fails on the data, and one it cannot check', async () => {
    const failing: Suggestion = {
      ...suggestions[0],
      dsl: 'NOT_NULL(note)',
      ast: { type: 'NOT_NULL', column: { kind: 'column', name: 'note' } },
    };
    const fk = suggestions.find((s) => s.type === 'FOREIGN_KEY') as Suggestion;
    const out = await backtestInMemory(textSchema(orders), toObjects(orders), o, [failing, fk]);
    expect(out.accepted).toEqual([]);
    expect(out.rejected.map((s) => s.backtest?.status)).toEqual(['failed', 'skipped']);
    expect(out.rejected[0].backtest?.failedCount).toBe(o.columns.find((x) => x.name === 'note')?.nullCount);
  });
});

describe('TestGen floors', () => {
  const ids = (n: number) =>
    profileRows(
      null,
      Array.from({ length: n }, (_, i) => ({ id: String(i + 1), flag: i % 2 ? 'a' : 'b' })),
      { now: NOW },
    );
  it('keeps NOT_NULL and UNIQUE away from tiny datasets', () => {
    expect(dsl(recommendRules(ids(10))).filter((r) => /^(NOT_NULL|UNIQUE)/.test(r))).toEqual([]);
    expect(dsl(recommendRules(ids(11)))).toContain('NOT_NULL(id)');
    expect(dsl(recommendRules(ids(500)))).not.toContain('UNIQUE(id)');
    expect(dsl(recommendRules(ids(501)))).toContain('UNIQUE(id)');
  });
  it('proposes nothing but a row count for an empty or all-null dataset', () => {
    expect(recommendRules(profileRows(null, [], { now: NOW }))).toEqual([]);
    const nulls = profileRows(
      { columns: [{ name: 'a', type: 'string' }], nullMarkers: [] },
      Array.from({ length: 50 }, () => ({ a: ' ' })),
    );
    expect(dsl(recommendRules(nulls))).toEqual(['ROW_COUNT(1, NULL)']);
  });
});

describe('FRESHNESS', () => {
  it('is proposed for a recently updated timestamp column and passes at the profile time', async () => {
    // Events every 10 minutes up to 3 hours before the profile; dates of the same rows as ISO days.
    const rows = Array.from({ length: 200 }, (_, i) => {
      const t = new Date(NOW.getTime() - 3 * 3_600_000 - i * 600_000);
      return { id: String(i + 1), updated_at: t.toISOString(), day: t.toISOString().slice(0, 10) };
    });
    const schema = {
      columns: ['id', 'updated_at', 'day'].map((name) => ({ name, type: 'string' as const })),
      nullMarkers: [],
    };
    const p = profileRows(schema, rows, { now: NOW });
    expect(p.columns.map((c) => c.type)).toEqual(['integer', 'timestamp', 'date']);
    const suggestions = recommendRules(p);
    expect(dsl(suggestions)).toEqual(
      expect.arrayContaining(["FRESHNESS(updated_at, '6h')", "FRESHNESS(day, '2d')"]),
    );
    const out = await backtestInMemory(schema, rows, p, suggestions);
    expect(out.rejected).toEqual([]);
    // A day later the 6-hour window fails and the 2-day one still holds: the check reads the clock.
    const late = await backtestInMemory(
      schema,
      rows,
      p,
      suggestions.filter((s) => s.type === 'FRESHNESS'),
      {
        now: new Date(NOW.getTime() + 86_400_000),
      },
    );
    expect(late.rejected.map((s) => s.dsl)).toEqual(["FRESHNESS(updated_at, '6h')"]);
  });
});

describe('history: "would have failed k of the last n versions"', () => {
  const current = inMemory(orders);
  const earlier = (mutate: (rows: (string | null)[][]) => void, versionId: string): DatasetProfile => {
    const t = plantedOrders(42);
    mutate(t.rows);
    return { ...inMemory(t), versionId };
  };
  const withNullId = earlier((rows) => (rows[3][0] = null), 'v1');
  const withNegative = earlier((rows) => (rows[5][3] = '-5.00'), 'v2');
  const clean = earlier(() => undefined, 'v3');
  const suggestions = recommendRules(current, { history: [withNullId, withNegative, clean] });
  const find = (rule: string) => suggestions.find((s) => s.dsl === rule) as Suggestion;

  it('counts the versions each rule would have failed', () => {
    expect(find('NOT_NULL(order_id)').history).toEqual({
      versions: 3,
      failed: 1,
      unknown: 0,
      failedVersions: ['v1'],
    });
    // With one earlier version there is no range history yet: the non-negative rule, failed on v2.
    const nonNegative = recommendRules(current, { history: [withNegative] }).find(
      (s) => s.dsl === 'IN_RANGE(amount, 0, NULL)',
    );
    expect(nonNegative?.history).toMatchObject({ versions: 1, failed: 1, failedVersions: ['v2'] });
    // With three, the range seen over all versions (one went to -5), with 10% slack.
    expect(dsl(suggestions)).toContain('IN_RANGE(amount, -600, 5500)');
    expect(find('NOT_NULL(order_id)').rationale).toContain('would have failed 1 of the last 3 versions');
    expect(find('NOT_NULL(email)').history).toMatchObject({ failed: 0, versions: 3 });
  });

  it('lowers confidence for rules that failed before and raises it for rules that always held', () => {
    const alone = recommendRules(current);
    const before = (rule: string) => (alone.find((s) => s.dsl === rule) as Suggestion).confidence;
    expect(find('NOT_NULL(order_id)').confidence).toBeLessThan(before('NOT_NULL(order_id)'));
    expect(find('NOT_NULL(email)').confidence).toBeGreaterThan(before('NOT_NULL(email)'));
  });

  it('proposes a row-count floor from the versions seen', () => {
    expect(dsl(suggestions)).toContain('ROW_COUNT(500, NULL)');
  });
});

describe('recommendations back-tested on DuckDB (CSV files, FOREIGN_KEY as an anti-join)', () => {
  let dir: string;
  let db: TestDatabase;
  const ref = (t: PlantedTable): DatasetRef => ({
    name: t.name,
    schema: textSchema(t),
    source: { kind: 'csv', path: join(dir, `${t.name}.csv`) },
  });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dqw-recommend-'));
    for (const t of [orders, customers]) writeFileSync(join(dir, `${t.name}.csv`), toCsv(t));
    db = await duckdbDatabase();
  });
  afterAll(async () => {
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds the same rules as in memory, and every one passes on the file', async () => {
    const o = await profileDataset(db.runner, ref(orders), { now: NOW });
    const c = await profileDataset(db.runner, ref(customers), { now: NOW });
    const others = [{ name: 'customers', profile: c, ref: ref(customers) }];
    const suggestions = recommendRules(o, { otherDatasets: others });
    expect(dsl(suggestions)).toEqual(
      dsl(
        recommendRules(inMemory(orders), {
          otherDatasets: [{ name: 'customers', profile: inMemory(customers) }],
        }),
      ),
    );
    const out = await backtestOnSql(db.runner, ref(orders), o, suggestions, { otherDatasets: others });
    expect(out.rejected.map((s) => `${s.dsl}: ${s.backtest?.status} ${s.backtest?.message ?? ''}`)).toEqual(
      [],
    );
    expect(out.accepted.map((s) => s.dsl)).toEqual(expect.arrayContaining(EXPECTED));
    // All row-level checks in one scan of the file.
    expect(out.run?.plan.scans).toBe(1);
  });
});
