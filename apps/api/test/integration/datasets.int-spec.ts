import { Roles, type ServerEvent } from '@dqw/shared-types';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { EventBus } from '../../src/core/events/event-bus';
import { DatasetVersion } from '../../src/modules/datasets/entities/dataset-version.entity';
import {
  PROFILE_RECOVERY_AFTER_MS,
  ProfilingService,
} from '../../src/modules/datasets/profiling/profiling.service';
import { csv, datasetState, drainQueue, filesUnder, ORDERS_CSV, upload } from '../factories/datasets';
import { describeEachDb } from '../support/db-kinds';
import { startTestApp, type SessionClient, type TestApp } from '../support/test-app';

interface Named {
  name: string;
}
const byName = <T extends Named>(list: T[], name: string): T => {
  const found = list.find((c) => c.name === name);
  if (!found) throw new Error(`no ${name} in ${JSON.stringify(list.map((c) => c.name))}`);
  return found;
};

describeEachDb('datasets: uploads, versions, profiles, settings', (kind) => {
  let t: TestApp;
  let de: SessionClient;
  let analyst: SessionClient;
  const events: ServerEvent[] = [];

  beforeAll(async () => {
    t = await startTestApp(kind);
    de = await t.loginAs(Roles.DataEngineer);
    analyst = await t.loginAs(Roles.Analyst);
    t.app.get(EventBus).subscribe((e) => events.push(e));
  });
  afterAll(async () => {
    await t?.close();
  });

  async function create(name: string, content: string | Buffer, fields: Record<string, string> = {}) {
    const res = await upload(de, '/api/datasets', { content, name: `${name}.csv` }, { name, ...fields });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    await drainQueue(t);
    return res.body as { dataset: { id: string }; version: { id: string; format: Record<string, unknown> } };
  }

  it('uploads a CSV: sniffed format shown, stored with its hash, profiled on the queue with progress, types inferred', async () => {
    const before = events.length;
    const res = await upload(
      de,
      '/api/datasets',
      { content: ORDERS_CSV, name: 'orders.csv' },
      { name: 'orders', description: 'Web shop orders' },
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      created: true,
      dataset: {
        name: 'orders',
        description: 'Web shop orders',
        sourceType: 'csv',
        sensitive: false,
        rowCount: 60,
        qualityScore: null,
      },
      version: {
        number: 1,
        fileName: 'orders.csv',
        rowCount: 60,
        sizeBytes: Buffer.byteLength(ORDERS_CSV),
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        encrypted: false,
        status: 'uploaded',
        format: { delimiter: ',', quote: '"', header: true, encoding: 'utf-8', bom: false, newline: 'lf' },
      },
    });
    await drainQueue(t);
    const id = res.body.dataset.id;
    const detail = await analyst.get(`/api/datasets/${id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.columns).toEqual([
      { name: 'order_id', type: 'integer' },
      { name: 'customer_id', type: 'integer' },
      { name: 'amount', type: 'decimal' },
      { name: 'status', type: 'string' },
      { name: 'created_at', type: 'date' },
    ]);
    expect(detail.body.currentVersion).toMatchObject({
      status: 'ready',
      drift: null,
      profiledAt: expect.any(String),
    });
    const profile = await analyst.get(`/api/datasets/${id}/profile`);
    expect(profile.body).toMatchObject({ datasetId: id, versionId: res.body.version.id, rowCount: 60 });
    expect(byName(profile.body.columns, 'amount')).toMatchObject({
      type: 'decimal',
      nullCount: 0,
      min: 10,
      max: 216.5,
    });
    expect(byName(profile.body.columns, 'status').topValues).toEqual([
      { value: 'new', count: 20 },
      { value: 'paid', count: 20 },
      { value: 'shipped', count: 20 },
    ]);
    const mine = events.slice(before).filter((e) => (e.data as { datasetId?: string }).datasetId === id);
    const progress = mine
      .filter((e) => e.type === 'profile.progress')
      .map((e) => (e.data as { percent: number }).percent);
    expect(progress[0]).toBeLessThan(100);
    expect(progress.at(-1)).toBe(100);
    expect(
      mine.some((e) => e.type === 'dataset.updated' && (e.data as { status: string }).status === 'ready'),
    ).toBe(true);
    const audit = await t.dataSource.query(`SELECT action FROM audit_entries WHERE entity_id = '${id}'`);
    expect(audit.map((a: { action: string }) => a.action)).toContain('dataset.create');
  });

  it('takes several uploads at the same moment: each is checked and stored', async () => {
    const body = (i: number) =>
      'id,email,amount,status\n' +
      Array.from({ length: 5000 }, (_, r) => `${r},u${r}@x.org,${(r * 7 + i) % 1000},paid`).join('\n');
    const answers = await Promise.all(
      [0, 1, 2, 3].map((i) =>
        upload(de, '/api/datasets', { content: body(i), name: `burst-${i}.csv` }, { name: `burst ${i}` }),
      ),
    );
    for (const res of answers) {
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body.version.rowCount).toBe(5000);
    }
    await drainQueue(t);
  });

  it('profiles again a version whose job was lost (never profiled, nothing pending), and only that one', async () => {
    const { dataset, version } = await create('lost job', 'k,v\n1,a\n2,b\n');
    const versions = t.app.get(DataSource).getRepository(DatasetVersion);
    const profiling = t.app.get(ProfilingService);
    // As a worker killed more often than the stall limit leaves it: the row says uploaded, no job is pending.
    const longAgo = new Date(Date.now() - PROFILE_RECOVERY_AFTER_MS - 60_000);
    await versions.update({ id: version.id }, { status: 'uploaded', profiledAt: null, createdAt: longAgo });
    const fresh = await create('fresh upload', 'k\n1\n');
    await versions.update({ id: fresh.version.id }, { status: 'uploaded', profiledAt: null });
    expect(await profiling.recoverLost(new Date())).toBe(1);
    await drainQueue(t);
    expect(await versions.findOneByOrFail({ id: version.id })).toMatchObject({
      status: 'ready',
      rowCount: 2,
    });
    expect((await de.get(`/api/datasets/${dataset.id}/profile`).expect(200)).body).toBeTruthy();
    expect(await profiling.recoverLost(new Date())).toBe(0);
  });

  it('sniffs delimiter, quote, header, line endings and encodings (BOM, UTF-16 LE/BE, Latin-1) and reads the values right', async () => {
    const rows = [
      ['name', 'city', 'note'],
      ['René', 'Zürich', '"a; b"'],
      ['Zoë', 'São Paulo', 'plain'],
    ];
    const text = rows.map((r) => r.join(';')).join('\r\n') + '\r\n';
    const cases: { name: string; bytes: Buffer; encoding: string; bom: boolean }[] = [
      {
        name: 'utf8 bom',
        bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]),
        encoding: 'utf-8',
        bom: true,
      },
      {
        name: 'utf16le bom',
        bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
        encoding: 'utf-16le',
        bom: true,
      },
      { name: 'utf16be', bytes: Buffer.from(text, 'utf16le').swap16(), encoding: 'utf-16be', bom: false },
      {
        name: 'latin1',
        bytes: Buffer.from(text.replace('Zoë', 'Zoe'), 'latin1'),
        encoding: 'latin-1',
        bom: false,
      },
    ];
    for (const c of cases) {
      const body = await create(`enc ${c.name}`, c.bytes);
      expect(body.version.format, c.name).toMatchObject({
        delimiter: ';',
        quote: '"',
        header: true,
        newline: 'crlf',
        encoding: c.encoding,
        bom: c.bom,
      });
      const sample = await de.get(`/api/datasets/${body.dataset.id}/sample`);
      expect(sample.status).toBe(200);
      expect(sample.body.columns.map((x: Named) => x.name)).toEqual(['name', 'city', 'note']);
      expect(sample.body.rows[0], c.name).toEqual({ name: 'René', city: 'Zürich', note: 'a; b' });
      expect(sample.body.rows[1].city, c.name).toBe('São Paulo');
    }
    // A tab-separated file without a header line (all-numeric rows), and a user override of the sniffed delimiter.
    const tsv = await create('tabs', '1\t2\t3\n4\t5\t6\n7\t8\t9\n');
    expect(tsv.version.format).toMatchObject({ delimiter: '\t', header: false });
    const d = await de.get(`/api/datasets/${tsv.dataset.id}`);
    expect(d.body.columns.map((x: Named) => x.name)).toEqual(['column0', 'column1', 'column2']);
    const forced = await create('pipes forced', 'a|b,c\n1|2,3\n', { delimiter: ',' });
    expect(forced.version.format).toMatchObject({ delimiter: ',' });
    const fd = await de.get(`/api/datasets/${forced.dataset.id}`);
    expect(fd.body.columns.map((x: Named) => x.name)).toEqual(['a|b', 'c']);
  });

  it('keeps identical bytes once, records drift for a new version and lists versions newest first', async () => {
    const v1 = csv([
      ['id', 'email', 'amount'],
      [1, 'a@x.io', 10],
      [2, 'b@x.io', 20],
    ]);
    const body = await create('customers drift', v1);
    const id = body.dataset.id;
    const again = await upload(de, `/api/datasets/${id}/versions`, { content: v1 });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ created: false, version: { number: 1, id: body.version.id } });
    expect(again.body.message).toMatch(/identical to version 1/);

    const v2 = csv([
      ['id', 'amount', 'country'],
      [1, 'ten', 'FR'],
      [2, 'twenty', 'DE'],
      [3, 'x', 'NL'],
    ]);
    const second = await upload(de, `/api/datasets/${id}/versions`, { content: v2, name: 'v2.csv' });
    expect(second.status).toBe(201);
    expect(second.body.version).toMatchObject({ number: 2, rowCount: 3 });
    await drainQueue(t);
    const versions = await analyst.get(`/api/datasets/${id}/versions`);
    expect(versions.body).toMatchObject({ total: 2, page: 1 });
    expect(versions.body.items.map((v: { number: number }) => v.number)).toEqual([2, 1]);
    expect(versions.body.items[0].drift).toEqual({
      previousVersionId: body.version.id,
      added: ['country'],
      removed: ['email'],
      retyped: [{ name: 'amount', from: 'integer', to: 'string' }],
    });
    const detail = await analyst.get(`/api/datasets/${id}`);
    expect(detail.body).toMatchObject({
      currentVersionId: second.body.version.id,
      rowCount: 3,
      versionCount: 2,
    });
    const profile = await analyst.get(`/api/datasets/${id}/profile`);
    expect(profile.body.versionId).toBe(second.body.version.id);
  });

  it('lists with pagination, case-insensitive search and a source filter', async () => {
    await create('Search Alpha', 'a\n1\n', { description: 'Quarterly REVENUE figures' });
    await create('search beta', 'a\n2\n');
    const page = await analyst.get('/api/datasets?pageSize=2&page=1');
    expect(page.body).toMatchObject({ page: 1, pageSize: 2 });
    expect(page.body.items).toHaveLength(2);
    expect(page.body.total).toBeGreaterThan(2);
    const q = await analyst.get('/api/datasets?q=SEARCH');
    expect(q.body.items.map((d: Named) => d.name)).toEqual(['Search Alpha', 'search beta']);
    const desc = await analyst.get('/api/datasets?q=revenue');
    expect(desc.body.items.map((d: Named) => d.name)).toEqual(['Search Alpha']);
    const like = await analyst.get('/api/datasets?q=%25');
    expect(like.body.total).toBe(0);
    const tables = await analyst.get('/api/datasets?sourceType=table');
    expect(tables.body.total).toBe(0);
    expect((await analyst.get('/api/datasets?pageSize=500')).status).toBe(400);
    expect((await analyst.get(`/api/datasets/00000000-0000-4000-8000-000000000001`)).status).toBe(404);
    expect((await analyst.get(`/api/datasets/not-a-uuid`)).status).toBe(400);
  });

  it('changes settings: name (unique), type overrides re-profile, null markers, key columns, CSV options re-read', async () => {
    const content = csv([
      ['id', 'zip', 'score', 'note'],
      [1, '00501', 5, 'N/A'],
      [2, '10001', 7, 'ok'],
      [3, '94105', 'n/a', 'N/A'],
    ]);
    const body = await create('settings', content);
    const id = body.dataset.id;
    const other = await create('settings other', 'a\n1\n');
    expect((await de.patch(`/api/datasets/${id}`, { name: 'SETTINGS OTHER' })).status).toBe(409);
    expect((await de.patch(`/api/datasets/${id}`, {})).status).toBe(400);
    expect(
      (await de.patch(`/api/datasets/${id}`, { columnOverrides: { nope: { type: 'integer' } } })).status,
    ).toBe(400);
    expect(
      (await de.patch(`/api/datasets/${id}`, { columnOverrides: { zip: { type: 'money' } } })).status,
    ).toBe(400);
    expect(
      (
        await de.patch(`/api/datasets/${id}`, {
          columnOverrides: { zip: { type: 'integer', format: 'YYYY' } },
        })
      ).status,
    ).toBe(400);
    expect((await de.patch(`/api/datasets/${id}`, { keyColumns: ['missing'] })).status).toBe(400);
    expect((await analyst.patch(`/api/datasets/${id}`, { name: 'x' })).status).toBe(403);

    const res = await de.patch(`/api/datasets/${id}`, {
      name: 'Settings Renamed',
      description: 'with overrides',
      columnOverrides: { zip: { type: 'integer' } },
      nullMarkers: ['N/A'],
      keyColumns: ['id'],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      name: 'Settings Renamed',
      nullMarkers: ['N/A'],
      keyColumns: ['id'],
      columnOverrides: { zip: { type: 'integer' } },
    });
    await drainQueue(t);
    const profile = await de.get(`/api/datasets/${id}/profile`);
    expect(byName(profile.body.columns, 'zip')).toMatchObject({ type: 'integer', typeSource: 'existing' });
    expect(byName(profile.body.columns, 'note')).toMatchObject({ nullCount: 2 });
    expect(byName(profile.body.columns, 'score').nullMarkerCandidates).toContain('n/a');
    const detail = await de.get(`/api/datasets/${id}`);
    expect(byName(detail.body.columns, 'zip').type).toBe('integer');
    // Removing the override returns to the inferred type (a leading zero makes it text).
    await de.patch(`/api/datasets/${id}`, { columnOverrides: { zip: null } }).expect(200);
    await drainQueue(t);
    expect(byName((await de.get(`/api/datasets/${id}`)).body.columns, 'zip').type).toBe('string');

    // New CSV options re-read the file; options it can't be read with are refused and change nothing.
    const bad = await de.patch(`/api/datasets/${id}`, { csvOptions: { quote: '0' } });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/line 2/);
    expect((await de.get(`/api/datasets/${id}`)).body.csvOptions).toEqual({});
    const single = await de.patch(`/api/datasets/${id}`, { csvOptions: { delimiter: ';', header: false } });
    expect(single.status).toBe(200);
    expect(single.body.columns.map((c: Named) => c.name)).toEqual(['column0']);
    const back = await de.patch(`/api/datasets/${id}`, { csvOptions: { delimiter: ',' } });
    expect(back.status).toBe(200);
    expect(back.body.currentVersion.format).toMatchObject({ delimiter: ',', header: true });
    expect(back.body.rowCount).toBe(3);
    void other;
  });

  it('reads the demo orders.csv (used by the demo mode and the browser tests) with its planted problems', async () => {
    const content = readFileSync(join(__dirname, '../../src/assets/demo/orders.csv'));
    const body = await create('demo orders', content);
    const profile = await de.get(`/api/datasets/${body.dataset.id}/profile`);
    expect(profile.body.rowCount).toBe(481);
    expect(byName(profile.body.columns, 'order_id')).toMatchObject({ type: 'integer', distinctCount: 480 });
    expect(byName(profile.body.columns, 'email')).toMatchObject({ nullCount: 4 });
    expect(byName(profile.body.columns, 'customer_id')).toMatchObject({ type: 'string', nullCount: 0 });
    expect(byName(profile.body.columns, 'amount')).toMatchObject({ type: 'decimal', unreadableCount: 0 });
    expect(byName(profile.body.columns, 'created_at')).toMatchObject({ type: 'timestamp' });
    const statuses = byName<Named & { topValues: { value: string; count: number }[] }>(
      profile.body.columns,
      'status',
    ).topValues;
    expect(statuses.find((v) => v.value === 'refund_pending')).toEqual({ value: 'refund_pending', count: 1 });
    expect(statuses.map((v) => v.value).sort()).toEqual([
      'cancelled',
      'new',
      'paid',
      'refund_pending',
      'shipped',
    ]);
  });

  it('downloads a version as uploaded (DataEngineer, audited) and deletes a dataset with its files', async () => {
    const body = await create('to delete', ORDERS_CSV);
    const id = body.dataset.id;
    const dl = await de.get(`/api/datasets/${id}/versions/1/download`);
    expect(dl.status).toBe(200);
    expect(dl.headers['content-type']).toMatch(/text\/csv/);
    expect(dl.headers['content-disposition']).toContain('filename="to delete.csv"');
    expect(dl.text).toBe(ORDERS_CSV);
    expect((await de.get(`/api/datasets/${id}/versions/${body.version.id}/download`)).status).toBe(200);
    expect((await de.get(`/api/datasets/${id}/versions/7/download`)).status).toBe(404);
    expect((await analyst.get(`/api/datasets/${id}/versions/1/download`)).status).toBe(403);
    const audited = await t.dataSource.query(
      `SELECT action FROM audit_entries WHERE entity_id = '${id}' AND action = 'dataset.version.download'`,
    );
    expect(audited).toHaveLength(2);

    const dir = join(t.dataDir, 'storage', 'datasets', id);
    expect(existsSync(dir)).toBe(true);
    expect((await analyst.delete(`/api/datasets/${id}`)).status).toBe(403);
    const del = await de.delete(`/api/datasets/${id}`);
    expect(del.status).toBe(200);
    expect(del.body).toEqual({ id, deleted: true });
    expect(existsSync(dir)).toBe(false);
    expect((await de.get(`/api/datasets/${id}`)).status).toBe(404);
    for (const table of ['dataset_versions', 'dataset_profiles', 'dataset_recommendations']) {
      const [r] = await t.dataSource.query(`SELECT COUNT(*) AS n FROM ${table} WHERE dataset_id = '${id}'`);
      expect(Number(r.n), table).toBe(0);
    }
    expect((await de.delete(`/api/datasets/${id}`)).status).toBe(404);
    // The name is free again.
    await create('to delete', 'a\n1\n');
    expect(filesUnder(join(t.dataDir, 'storage', 'tmp'))).toEqual([]);
    void datasetState;
  });
});
