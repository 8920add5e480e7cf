import { runRuleSet, parseRule, type RuleSetResult, type RuleToRun } from '@dqw/rule-engine';
import { Roles } from '@dqw/shared-types';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PipedRunner } from '../../src/core/storage/piped-runner';
import { DatasetAccess } from '../../src/modules/datasets/dataset-access.service';
import { csv, drainQueue, filesUnder, upload } from '../factories/datasets';
import { describeEachDb } from '../support/db-kinds';
import { startTestApp, type SessionClient, type TestApp } from '../support/test-app';

/** Rows whose values appear nowhere else: if any of them shows up in a file, plaintext leaked. */
function secretRows(tag: string, n: number): { file: string; markers: string[] } {
  const rows = Array.from({ length: n }, (_, i) => [
    i + 1,
    `${tag}-person-${i}`,
    `${tag}-ssn-${String(i).padStart(4, '0')}`,
    ['gold', 'silver', 'bronze'][i % 3],
    (i * 1.25).toFixed(2),
  ]);
  return {
    file: csv([['id', 'name', 'ssn', 'tier', 'balance'], ...rows]),
    markers: [tag, `${tag}-ssn-0000`, `${tag}-person-7`, 'silver'],
  };
}

/** Every regular file under the data folder (database, WAL, storage, temp, key file…) as bytes. */
function leaks(dataDir: string, markers: string[]): string[] {
  const found: string[] = [];
  for (const rel of filesUnder(dataDir)) {
    const bytes = readFileSync(join(dataDir, rel));
    for (const m of markers) {
      if (bytes.includes(Buffer.from(m, 'utf8')) || bytes.includes(Buffer.from(m, 'utf16le')))
        found.push(`${rel}: ${m}`);
    }
  }
  return found;
}

describeEachDb('sensitive datasets: encryption at rest', (kind) => {
  let t: TestApp;
  let de: SessionClient;
  beforeAll(async () => {
    t = await startTestApp(kind);
    de = await t.loginAs(Roles.DataEngineer);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('stores the file encrypted and leaves no plaintext under the data folder, however the fields are ordered', async () => {
    const tag = `TOPSECRET${randomBytes(6).toString('hex')}`;
    const { file, markers } = secretRows(tag, 120);
    const before = await upload(
      de,
      '/api/datasets',
      { content: file },
      { name: 'patients', sensitive: 'true' },
    );
    // Sensitivity sent after the file: the file was already being written, encrypted (unknown = sensitive).
    const after = await upload(
      de,
      '/api/datasets',
      { content: file.replace(/\n$/, '\n121,x,y,gold,1\n') },
      { name: 'patients 2', sensitive: 'true' },
      { fieldsAfterFile: true },
    );
    for (const res of [before, after]) {
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body.version).toMatchObject({ encrypted: true, sizeBytes: expect.any(Number) });
      expect(res.body.dataset.sensitive).toBe(true);
    }
    await drainQueue(t);
    const stored = filesUnder(join(t.dataDir, 'storage')).filter((f) => f.startsWith('datasets/'));
    expect(stored).toHaveLength(2);
    for (const f of stored) expect(f).toMatch(/\.csv\.enc$/);

    // Everything that reads the data still works, decrypting on the fly…
    const id = before.body.dataset.id;
    const profile = await de.get(`/api/datasets/${id}/profile`);
    expect(profile.status).toBe(200);
    expect(profile.body.rowCount).toBe(120);
    const tier = profile.body.columns.find((c: { name: string }) => c.name === 'tier');
    expect(tier.topValues.map((v: { value: string }) => v.value).sort()).toEqual([
      'bronze',
      'gold',
      'silver',
    ]);
    const recs = await de.get(`/api/datasets/${id}/recommendations`);
    expect(recs.body.items.some((r: { dsl: string }) => r.dsl.includes("'silver'"))).toBe(true);
    const sample = await de.get(`/api/datasets/${id}/sample?limit=3`);
    expect(sample.body.rows[0]).toMatchObject({ ssn: `${tag}-ssn-0000` });
    const download = await de
      .get(`/api/datasets/${id}/versions/1/download`)
      .buffer(true)
      .parse((res, cb) => {
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('end', () => cb(null, Buffer.concat(parts)));
      });
    expect(download.status).toBe(200);
    expect((download.body as Buffer).toString('utf8')).toBe(file);

    // …but nothing at rest holds a value: not the file, not the profile or proposed rules, not temp files.
    expect(leaks(t.dataDir, markers)).toEqual([]);
    const dbText = JSON.stringify([
      await t.dataSource.query('SELECT profile FROM dataset_profiles'),
      await t.dataSource.query('SELECT dsl, rationale FROM dataset_recommendations'),
      await t.dataSource.query('SELECT summary, changes FROM audit_entries'),
      await t.dataSource.query('SELECT columns, format, error FROM dataset_versions'),
    ]);
    for (const m of markers) expect(dbText).not.toContain(m);

    // Analysts may read the profile, not the rows.
    const analyst = await t.loginAs(Roles.Analyst);
    expect((await analyst.get(`/api/datasets/${id}/sample`)).status).toBe(403);
    expect((await analyst.get(`/api/datasets/${id}/versions/1/download`)).status).toBe(403);
    const audit = await t.dataSource.query(
      `SELECT action FROM audit_entries WHERE action = 'dataset.version.download'`,
    );
    expect(audit).toHaveLength(1);
  });

  it('detects one flipped byte before the plaintext is used: download, preview and profiling fail clearly', async () => {
    const { file } = secretRows(`FLIP${randomBytes(4).toString('hex')}`, 3000);
    const res = await upload(de, '/api/datasets', { content: file }, { name: 'flip me', sensitive: 'true' });
    expect(res.status).toBe(201);
    await drainQueue(t);
    const id = res.body.dataset.id;
    const [enc] = filesUnder(join(t.dataDir, 'storage', 'datasets', id));
    const path = join(t.dataDir, 'storage', 'datasets', id, enc);
    const bytes = readFileSync(path);
    // A byte in the middle of the second chunk: the first chunk (64 KiB) still decrypts.
    bytes[70_000] ^= 0x01;
    writeFileSync(path, bytes);

    const download = await de.get(`/api/datasets/${id}/versions/1/download`);
    expect(download.status).toBe(409);
    expect(download.body.message).toMatch(/integrity check/);
    const sample = await de.get(`/api/datasets/${id}/sample?limit=1000`);
    expect(sample.status).toBe(409);
    expect(sample.body.message).toMatch(/integrity check/);

    // Re-profiling (after a settings change) reads the whole file: the version ends in error, saying why.
    await de.patch(`/api/datasets/${id}`, { nullMarkers: ['N/A'] }).expect(200);
    await drainQueue(t);
    const versions = await de.get(`/api/datasets/${id}/versions`);
    expect(versions.body.items[0]).toMatchObject({
      status: 'error',
      error: expect.stringMatching(/integrity check/),
    });
  });

  it('reads each file through its own pipe once per statement: rules on the encrypted copy agree with the plain one', async () => {
    const customers = csv([
      ['customer_id', 'region'],
      ...Array.from({ length: 50 }, (_, i) => [i + 1, ['north', 'south'][i % 2]]),
    ]);
    const orders = csv([
      ['order_id', 'customer_id', 'amount'],
      ...Array.from({ length: 400 }, (_, i) => [
        i % 397 === 5 ? 5 : i + 1,
        i % 61 === 0 ? 99 : (i % 50) + 1,
        i,
      ]),
    ]);
    const ids: Record<string, string> = {};
    for (const [name, content, sensitive] of [
      ['customers plain', customers, 'false'],
      ['orders plain', orders, 'false'],
      ['customers secret', customers, 'true'],
      ['orders secret', orders, 'true'],
    ] as const) {
      const r = await upload(de, '/api/datasets', { content }, { name, sensitive });
      expect(r.status).toBe(201);
      ids[name] = r.body.dataset.id;
    }
    await drainQueue(t);
    const rules = (target: string): RuleToRun[] =>
      [
        'UNIQUE(order_id)',
        `FOREIGN_KEY(customer_id) REFERENCES "${target}"(customer_id)`,
        'IN_RANGE(amount, 0, 300)',
        'NOT_NULL(order_id)',
      ].map((dsl, i) => {
        const p = parseRule(dsl);
        if (!p.ok) throw new Error(dsl);
        return { id: `r${i}`, ast: p.ast };
      });
    const access = t.app.get(DatasetAccess);
    const run = async (
      dataset: string,
      target: string,
    ): Promise<{ result: RuleSetResult; runner: unknown }> => {
      const opened = await access.open(ids[dataset], { foreignDatasets: [target] });
      try {
        const result = await runRuleSet(opened.runner, opened.ref, rules(target), {
          resolveDataset: opened.resolveDataset,
          sampleSize: 5,
        });
        return { result, runner: opened.runner };
      } finally {
        await opened.close();
      }
    };
    const plain = await run('orders plain', 'customers plain');
    const secret = await run('orders secret', 'customers secret');
    const strip = (r: RuleSetResult) => r.results.map(({ durationMs: _d, ...rest }) => rest);
    expect(strip(secret.result)).toEqual(strip(plain.result));
    expect(secret.result.results.map((r) => r.verdict)).toEqual(['FAILED', 'FAILED', 'FAILED', 'PASSED']);
    // Every statement that read a file got one pipe per read, and each was opened (once: it is unlinked
    // when its reader attaches, so a second open would have failed the statement).
    const stats = (secret.runner as PipedRunner).pipeStats;
    expect(stats.length).toBeGreaterThanOrEqual(3);
    for (const s of stats) expect(s.opened).toBe(s.pipes);
    expect(stats.some((s) => s.pipes >= 2)).toBe(true);
    expect(filesUnder(join(t.dataDir, 'tmp', 'pipes'))).toEqual([]);
  });
});
