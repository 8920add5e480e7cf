import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ColumnProfileDto } from '@dqw/shared-types';
import type { DatasetRef, SqlRunner } from '../../src/lib/model';
import { profileDataset, ProfileError } from '../../src/lib/profile/profile-dataset';
import { profileRows } from '../../src/lib/profile/profile-rows';
import type { ColumnProfile } from '../../src/lib/profile/types';
import { recommendRules } from '../../src/lib/recommend/recommend';
import { duckdbDatabase, type TestDatabase } from '../support/runners';

vi.setConfig({ testTimeout: 60_000 });

// The API stores and returns column profiles as its DTO: the profile must stay assignable to it.
const asDto = (c: ColumnProfile): ColumnProfileDto => c;

describe('profiling bad input', () => {
  let dir: string;
  let db: TestDatabase;
  const csv = (name: string, text: string): DatasetRef => {
    writeFileSync(join(dir, name), text);
    return {
      name,
      schema: { columns: [{ name: 'a', type: 'string' }], nullMarkers: [] },
      source: { kind: 'csv', path: join(dir, name) },
    };
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dqw-profile-bad-'));
    db = await duckdbDatabase();
  });
  afterAll(async () => {
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('names the problem when the source or a column is missing', async () => {
    const ok = csv('ok.csv', 'a\n1\n');
    await expect(
      profileDataset(db.runner, { ...ok, source: { kind: 'table', table: 'nope' } }),
    ).rejects.toThrow(/profiling ok\.csv failed: .*nope/);
    await expect(
      profileDataset(db.runner, {
        ...ok,
        schema: { columns: [{ name: 'b', type: 'string' }], nullMarkers: [] },
      }),
    ).rejects.toThrow(ProfileError);
  });

  it('refuses what it cannot express safely, before running anything', async () => {
    const ok = csv('ok2.csv', 'a\n1\n');
    const calls: string[] = [];
    const spy: SqlRunner = {
      dialect: 'duckdb',
      query: async (sql, params) => (calls.push(sql), db.runner.query(sql, params)),
    };
    await expect(
      profileDataset(spy, {
        ...ok,
        schema: { columns: [{ name: 'a\u0000b', type: 'string' }], nullMarkers: [] },
      }),
    ).rejects.toThrow(/can't profile .*NUL/);
    await expect(
      profileDataset(spy, ok, { existingTypes: { a: { type: 'timestamp', format: 'HH:mm' } } }),
    ).rejects.toThrow(/unusable date format "HH:mm"/);
    await expect(
      profileDataset(spy, ok, { existingTypes: { a: { type: 'date', format: 'YYYY/MM/DD HH:mm' } } }),
    ).rejects.toThrow(/no time in a date column/);
    await expect(
      profileDataset(spy, {
        ...ok,
        schema: { columns: [ok.schema.columns[0], ok.schema.columns[0]], nullMarkers: [] },
      }),
    ).rejects.toThrow(/duplicate column name "a"/);
    await expect(profileDataset({ ...spy, dialect: 'oracle' as never }, ok)).rejects.toThrow(
      /not available for the oracle dialect/,
    );
    await expect(profileDataset(spy, ok, { distinctExactLimit: -1 })).rejects.toThrow(
      /distinctExactLimit must be/,
    );
    expect(calls).toEqual([]);
  });

  it('reads hostile text as data: quotes, markers and SQL in cells and names', async () => {
    const name = `it's "odd"; DROP TABLE x; --`;
    const ref = csv('hostile.csv', `"${name.replace(/"/g, '""')}"\n"'; DROP TABLE t; --"\nNULL\n\\N\n`);
    const p = await profileDataset(db.runner, {
      ...ref,
      schema: { columns: [{ name, type: 'string' }], nullMarkers: ["'; DROP TABLE t; --"] },
    });
    expect(p.columns[0]).toMatchObject({
      name,
      nullCount: 1,
      nonNullCount: 2,
      nullMarkerCandidates: ['NULL'],
    });
    expect(
      asDto(p.columns[0])
        .topValues.map((t) => t.value)
        .sort(),
    ).toEqual(['NULL', '\\N']);
    // The recommender prints the odd name quoted, and the rule still reads back.
    expect(recommendRules(p).map((s) => s.dsl)).toEqual(['ROW_COUNT(1, NULL)']);
  });

  it('rejects rows that are not objects, and profiles an empty sample', () => {
    expect(() => profileRows(null, 'x' as never)).toThrow(ProfileError);
    expect(() => profileRows(null, [1 as never])).toThrow(/rows must be an array of objects/);
    expect(profileRows(null, [])).toMatchObject({ rowCount: 0, columns: [] });
    expect(() => profileRows(null, [], { topN: 5000 })).toThrow(/topN must be an integer from 1 to 1000/);
  });
});
