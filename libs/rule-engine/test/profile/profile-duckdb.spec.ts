import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatasetRef } from '../../src/lib/model';
import { profileDataset, ProfileError } from '../../src/lib/profile/profile-dataset';
import { profileRows } from '../../src/lib/profile/profile-rows';
import { duckdbDatabase, type TestDatabase } from '../support/runners';
import { column, comparable, textSchema } from './helpers';
import { plantedOrders, toCsv, toObjects } from './planted';

// Real databases on a shared 2-core machine: allow for a slow moment.
vi.setConfig({ testTimeout: 60_000 });

describe('profileDataset on DuckDB (CSV files)', () => {
  let dir: string;
  let db: TestDatabase;
  let runner: TestDatabase['runner'];
  const orders = plantedOrders();
  let ref: DatasetRef;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dqw-profile-'));
    writeFileSync(join(dir, 'orders.csv'), toCsv(orders));
    db = await duckdbDatabase();
    runner = db.runner;
    ref = {
      name: 'orders',
      schema: textSchema(orders),
      source: { kind: 'csv', path: join(dir, 'orders.csv') },
    };
  });
  afterAll(async () => {
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds the planted types, counts and patterns in two scans', async () => {
    const p = await profileDataset(runner, ref);
    expect(p.rowCount).toBe(1000);
    expect(p.plan?.scans).toBe(2);
    const id = column(p, 'order_id');
    expect([id.type, id.distinctCount, id.distinctExact, id.min, id.max]).toEqual([
      'integer',
      1000,
      true,
      1,
      1000,
    ]);
    const amount = column(p, 'amount');
    expect([amount.type, amount.nullCount, amount.nullShare]).toEqual(['decimal', 30, 0.03]);
    expect(amount.min as number).toBeGreaterThanOrEqual(0);
    const status = column(p, 'status');
    expect(status.distinctCount).toBe(4);
    expect(status.topValuesComplete).toBe(true);
    expect(status.topValues.map((t) => t.value).sort()).toEqual(['cancelled', 'new', 'paid', 'shipped']);
    const zip = column(p, 'zip');
    expect([zip.type, zip.inferredType, zip.minLength, zip.maxLength]).toEqual(['string', 'string', 5, 5]);
    expect(zip.patterns.find((x) => x.name === 'digits')?.share).toBe(1);
    const created = column(p, 'created_at');
    expect([created.type, created.format, created.unreadableCount]).toEqual([
      'timestamp',
      'YYYY/MM/DD HH:mm:ss',
      0,
    ]);
    expect(created.min).toMatch(/^2023-01-01T/);
    expect(created.patterns[0]).toMatchObject({ name: 'format:YYYY/MM/DD HH:mm:ss', share: 1 });
    expect(column(p, 'email').patterns.find((x) => x.name === 'email')?.share).toBe(1);
    expect(column(p, 'is_gift').type).toBe('boolean');
    const note = column(p, 'note');
    expect(note.nullMarkerCandidates).toEqual(['N/A']);
    expect(note.topValues[0]).toEqual({ value: 'N/A', count: note.nullMarkerCounts[0].count });
  });

  it('agrees with the in-memory profiler on every count, type and moment', async () => {
    const sql = await profileDataset(runner, ref);
    const mem = profileRows(textSchema(orders), toObjects(orders));
    const keep = ['topValues', 'patterns', 'nullMarkerCounts', 'minLength', 'maxLength'] as const;
    expect(comparable(sql, [...keep])).toEqual(comparable(mem, [...keep]));
  });

  it('applies accepted null markers and keeps user types', async () => {
    const p = await profileDataset(
      runner,
      { ...ref, schema: textSchema(orders, ['N/A']) },
      { existingTypes: { zip: { type: 'integer' } }, topN: 3 },
    );
    const note = column(p, 'note');
    expect(note.nullMarkerCandidates).toEqual([]);
    expect(note.nullCount).toBe(1000 - note.nonNullCount);
    expect(note.nullCount).toBeGreaterThan(column(await profileDataset(runner, ref), 'note').nullCount);
    const zip = column(p, 'zip');
    expect([zip.type, zip.inferredType, zip.typeSource, zip.unreadableCount]).toEqual([
      'integer',
      'string',
      'existing',
      0,
    ]);
    expect(column(p, 'status').topValues).toHaveLength(3);
  });

  it('counts distinct values approximately above the bound, and says so', async () => {
    const p = await profileDataset(runner, ref, { distinctExactLimit: 100 });
    const email = column(p, 'email');
    expect(email.distinctExact).toBe(false);
    expect(email.distinctCount).toBeGreaterThan(900);
    expect(email.distinctCount).toBeLessThan(1100);
    expect(email.topValues).toEqual([]);
    expect(email.singletonCount).toBeNull();
    expect(column(p, 'status').distinctExact).toBe(true);
    // The date column is still grouped: its format must be checked on every value.
    expect(column(p, 'created_at').format).toBe('YYYY/MM/DD HH:mm:ss');
  });

  it('profiles an empty file and refuses bad options with a clear error', async () => {
    writeFileSync(join(dir, 'empty.csv'), 'a,b\n');
    const empty = await profileDataset(runner, {
      name: 'empty',
      schema: {
        columns: [
          { name: 'a', type: 'string' },
          { name: 'b', type: 'string' },
        ],
        nullMarkers: [],
      },
      source: { kind: 'csv', path: join(dir, 'empty.csv') },
    });
    expect(empty.rowCount).toBe(0);
    expect(column(empty, 'a')).toMatchObject({
      type: 'string',
      nullCount: 0,
      distinctCount: 0,
      topValues: [],
    });
    await expect(profileDataset(runner, ref, { topN: 0 })).rejects.toThrow(ProfileError);
    await expect(profileDataset(runner, ref, { topN: 1.5 })).rejects.toThrow(/topN must be an integer/);
    await expect(
      profileDataset(runner, { ...ref, source: { kind: 'csv', path: join(dir, 'missing.csv') } }),
    ).rejects.toThrow(/profiling orders failed: .*missing\.csv/);
  });
});
