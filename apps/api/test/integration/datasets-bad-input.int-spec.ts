import { Roles } from '@dqw/shared-types';
import { existsSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  csv,
  datasetState,
  drainQueue,
  eventually,
  filesUnder,
  ORDERS_CSV,
  rawUpload,
  upload,
} from '../factories/datasets';
import { describeEachDb } from '../support/db-kinds';
import { startTestApp, type SessionClient, type TestApp } from '../support/test-app';

/**
 * Issue 4's bad input: each a clear 4xx and nothing half-written (no dataset rows, no stored or temp
 * files), on SQLite and PostgreSQL.
 */
describeEachDb('dataset uploads: bad input', (kind) => {
  let t: TestApp;
  let de: SessionClient;

  beforeAll(async () => {
    t = await startTestApp(kind);
    de = await t.loginAs(Roles.DataEngineer);
  });
  afterAll(async () => {
    await t?.close();
  });

  const tmpFiles = () => filesUnder(join(t.dataDir, 'storage', 'tmp'));

  /** Runs a request that must fail with `status`, then checks nothing changed. */
  async function refused(
    status: number,
    send: () => Promise<{ status: number; body: unknown }>,
  ): Promise<{ message: string; details?: unknown }> {
    const before = await datasetState(t);
    const res = await send();
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    expect(res.body).toMatchObject({ statusCode: status, message: expect.any(String) });
    await drainQueue(t);
    await eventually(() => tmpFiles().length === 0);
    expect(await datasetState(t)).toEqual(before);
    return res.body as { message: string; details?: unknown };
  }

  it('refuses an empty file (400) but accepts a header-only file as an empty version', async () => {
    const body = await refused(400, () => upload(de, '/api/datasets', { content: '' }, { name: 'empty' }));
    expect(body.message).toMatch(/empty/i);

    const res = await upload(de, '/api/datasets', { content: 'id,email,amount\n' }, { name: 'header only' });
    expect(res.status).toBe(201);
    expect(res.body.version).toMatchObject({ rowCount: 0, number: 1 });
    expect(res.body.version.columns.map((c: { name: string }) => c.name)).toEqual(['id', 'email', 'amount']);
    await drainQueue(t);
    const profile = await de.get(`/api/datasets/${res.body.dataset.id}/profile`);
    expect(profile.status).toBe(200);
    expect(profile.body.rowCount).toBe(0);
    // ROW_COUNT rules can catch it: the recommender has nothing else to go on.
    const v = await de.get(`/api/datasets/${res.body.dataset.id}/versions`);
    expect(v.body.items[0].status).toBe('ready');
  });

  it('refuses a binary file renamed .csv', async () => {
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]),
      Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 37) % 256)),
    ]);
    const body = await refused(400, () =>
      upload(de, '/api/datasets', { content: png, name: 'photo.csv' }, { name: 'binary' }),
    );
    expect(body.message).toMatch(/not a text/i);
  });

  it('refuses a declared encoding the bytes contradict', async () => {
    const latin1 = Buffer.from('name,city\nRené,Zürich\n', 'latin1');
    const a = await refused(400, () =>
      upload(de, '/api/datasets', { content: latin1 }, { name: 'wrong utf8', encoding: 'utf-8' }),
    );
    expect(a.message).toMatch(/not utf-8/i);
    const b = await refused(400, () =>
      upload(de, '/api/datasets', { content: 'a,b\nx,y\n' }, { name: 'wrong utf16', encoding: 'utf-16le' }),
    );
    expect(b.message).toMatch(/not utf-16le/i);
    await refused(400, () =>
      upload(de, '/api/datasets', { content: 'a\n1\n' }, { name: 'bad enc', encoding: 'ebcdic' }),
    );
  });

  it('refuses ragged rows and names every malformed line', async () => {
    const file = 'id,name,amount\n1,ann,3\n2,bob\n3,cy,4\n4,dee,5,extra\n5,"unterminated,6\n';
    const body = await refused(400, () => upload(de, '/api/datasets', { content: file }, { name: 'ragged' }));
    expect(body.message).toMatch(/malformed rows? .*line 3/i);
    const details = body.details as {
      malformedRows: { line: number; message: string }[];
      totalMalformed: number;
    };
    expect(details.malformedRows.map((r) => r.line)).toEqual([3, 5, 6]);
    expect(details.malformedRows[0].message).toBe('expected 3 fields, found 2');
    expect(details.malformedRows[1].message).toBe('expected 3 fields, found 4');
  });

  it('refuses a 10 MB single field with its line (records over 2 MB are not read) and keeps a 1 MB one', async () => {
    const big = 'x'.repeat(10 * 1024 * 1024);
    const body = await refused(400, () =>
      upload(
        de,
        '/api/datasets',
        { content: `id,payload\n1,small\n2,"${big}"\n3,small\n` },
        { name: 'wide' },
      ),
    );
    expect(body.message.length).toBeLessThan(1000);
    const details = body.details as { malformedRows: { line: number; message: string }[] };
    expect(details.malformedRows).toEqual([{ line: 3, message: expect.stringMatching(/longer than 2 MB/) }]);

    const ok = await upload(
      de,
      '/api/datasets',
      { content: `id,payload\n1,"${'y'.repeat(1_000_000)}"\n` },
      { name: 'wide ok' },
    );
    expect(ok.status).toBe(201);
    await drainQueue(t);
    const profile = await de.get(`/api/datasets/${ok.body.dataset.id}/profile`);
    expect(profile.body.columns.find((c: { name: string }) => c.name === 'payload').maxLength).toBe(
      1_000_000,
    );
  });

  it('leaves nothing behind when the upload is cut off mid-stream', async () => {
    const { token } = await t.tokenFor(Roles.DataEngineer);
    if (!t.server.listening) await new Promise<void>((r) => t.server.listen(0, '127.0.0.1', () => r()));
    const port = (t.server.address() as AddressInfo).port;
    const before = await datasetState(t);
    const boundary = '----dqwcutoff';
    const head =
      `--${boundary}\r\nContent-Disposition: form-data; name="name"\r\n\r\ncut off\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\nContent-Type: text/csv\r\n\r\n`;
    const chunk = Buffer.from(ORDERS_CSV.repeat(200));
    await new Promise<void>((resolve) => {
      const req = httpRequest({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/datasets',
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': `multipart/form-data; boundary=${boundary}`,
          'Content-Length': String(head.length + chunk.length * 10),
        },
      });
      req.on('error', () => resolve());
      req.on('response', (res) => {
        res.resume();
        resolve();
      });
      req.write(head);
      req.write(chunk, () => {
        // The client goes away in the middle of the file.
        setTimeout(() => {
          req.destroy();
          resolve();
        }, 100);
      });
    });
    await eventually(async () => tmpFiles().length === 0);
    expect(await datasetState(t)).toEqual(before);
  });

  it('refuses a duplicate dataset name, case-insensitively (409)', async () => {
    const first = await upload(de, '/api/datasets', { content: ORDERS_CSV }, { name: 'Orders' });
    expect(first.status).toBe(201);
    await drainQueue(t);
    const body = await refused(409, () =>
      upload(de, '/api/datasets', { content: ORDERS_CSV }, { name: 'orders' }),
    );
    expect(body.message).toMatch(/already exists/);
  });

  it('refuses a path-traversal file name and writes nothing outside storage', async () => {
    for (const name of ['../../evil.csv', '..\\..\\evil.csv', 'sub/dir.csv']) {
      const body = await refused(400, () =>
        rawUpload(de, '/api/datasets', { name: `trav ${name}` }, { content: ORDERS_CSV, filename: name }),
      );
      expect(body.message).toMatch(/plain name/);
    }
    expect(existsSync(join(t.dataDir, 'evil.csv'))).toBe(false);
    expect(existsSync(join(t.dataDir, '..', 'evil.csv'))).toBe(false);
  });

  it('refuses missing or unknown fields and non-multipart uploads', async () => {
    await refused(400, () => upload(de, '/api/datasets', { content: ORDERS_CSV }, {}));
    await refused(400, () => upload(de, '/api/datasets', null, { name: 'no file' }));
    await refused(400, () =>
      upload(de, '/api/datasets', { content: ORDERS_CSV }, { name: 'x', colour: 'blue' }),
    );
    await refused(400, () =>
      upload(de, '/api/datasets', { content: ORDERS_CSV }, { name: 'x', sensitive: 'maybe' }),
    );
    await refused(400, () =>
      upload(de, '/api/datasets', { content: ORDERS_CSV }, { name: 'x', delimiter: ';;' }),
    );
    await refused(400, () => de.post('/api/datasets', { name: 'json without table' }));
  });

  it('refuses an Analyst upload (403) without reading the file', async () => {
    const analyst = await t.loginAs(Roles.Analyst);
    await refused(403, () =>
      upload(analyst, '/api/datasets', { content: ORDERS_CSV }, { name: 'by analyst' }),
    );
    const created = await upload(
      de,
      '/api/datasets',
      { content: csv([['a'], ['1']]) },
      { name: 'for analyst' },
    );
    await drainQueue(t);
    await refused(403, () =>
      upload(analyst, `/api/datasets/${created.body.dataset.id}/versions`, { content: 'a\n2\n' }),
    );
  });
});

describeEachDb('dataset uploads: size limit', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind, { env: { UPLOAD_MAX_BYTES: '64kb' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers 413 with the limit for a file over UPLOAD_MAX_BYTES and keeps nothing', async () => {
    const de = await t.loginAs(Roles.DataEngineer);
    const before = await datasetState(t);
    const big = ORDERS_CSV.repeat(60); // ≈ 100 KiB
    const res = await upload(de, '/api/datasets', { content: big }, { name: 'too big' });
    expect(res.status).toBe(413);
    expect(res.body.message).toMatch(/larger than the upload limit of 64 KiB/);
    await eventually(() => filesUnder(join(t.dataDir, 'storage', 'tmp')).length === 0);
    expect(await datasetState(t)).toEqual(before);
    const ok = await upload(de, '/api/datasets', { content: ORDERS_CSV }, { name: 'small enough' });
    expect(ok.status).toBe(201);
  });
});
