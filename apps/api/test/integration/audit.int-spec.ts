import { AuditEntryDto, Roles } from '@dqw/shared-types';
import { AuditService } from '../../src/modules/audit/audit.service';
import { describeEachDb } from '../support/db-kinds';
import { ph } from '../support/db-helpers';
import { ProbeModule } from '../support/probe.module';
import { BOOTSTRAP_ADMIN, SessionClient, startTestApp, TestApp } from '../support/test-app';

describeEachDb('audit log', (kind) => {
  let t: TestApp;
  let admin: SessionClient;
  beforeAll(async () => {
    t = await startTestApp(kind, { extraModules: [ProbeModule] });
    admin = await t.loginAs(BOOTSTRAP_ADMIN);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('records who, what, entity, IP and request id for a change', async () => {
    const res = await admin
      .post('/api/users', { email: 'audited@test.local', role: 'Analyst', password: 'Audited-password-1' })
      .set('X-Request-Id', 'req-audit-1');
    expect(res.status).toBe(201);
    const list = await admin.get(`/api/audit?entityType=user&entityId=${res.body.id}`);
    const [e] = list.body.items as AuditEntryDto[];
    expect(e).toMatchObject({
      action: 'user.create',
      actorType: 'user',
      actorId: admin.me.user.id,
      actorLabel: BOOTSTRAP_ADMIN.email,
      entityType: 'user',
      entityId: res.body.id,
      requestId: 'req-audit-1',
    });
    expect(e.ip).toMatch(/127\.0\.0\.1|::1/);
    expect(e.hash).toMatch(/^[0-9a-f]{64}$/);
    // Secrets never reach the log.
    expect(JSON.stringify(list.body)).not.toContain('Audited-password-1');
  });

  it('adds a generic entry for a mutation whose service records nothing, named by @AuditAction', async () => {
    const { token, user } = await t.tokenFor(Roles.Analyst);
    const api = t.withToken(token);
    expect((await api.post('/api/test-probe/named')).status).toBe(201);
    expect((await api.post('/api/test-probe/plain')).status).toBe(201);
    expect((await api.post('/api/test-probe/boom')).status).toBe(500);
    const named = await admin.get('/api/audit?action=probe.poke');
    expect(named.body.items[0]).toMatchObject({
      entityType: 'probe',
      entityId: 'probe-1',
      actorType: 'token',
      actorId: user.id,
    });
    const plain = await admin.get('/api/audit?action=http.post');
    expect(plain.body.items.map((e: AuditEntryDto) => e.summary)).toEqual(['POST /api/test-probe/plain']);
  });

  it('filters by actor, action prefix, entity and time, newest first, paginated', async () => {
    const all = await admin.get('/api/audit?pageSize=200');
    const ids = (all.body.items as AuditEntryDto[]).map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const byActor = await admin.get(`/api/audit?actorId=${admin.me.user.id}&pageSize=200`);
    expect(byActor.body.items.every((e: AuditEntryDto) => e.actorId === admin.me.user.id)).toBe(true);
    const prefix = await admin.get('/api/audit?action=user.&pageSize=200');
    expect(prefix.body.total).toBeGreaterThan(0);
    expect(prefix.body.items.every((e: AuditEntryDto) => e.action.startsWith('user.'))).toBe(true);
    const future = await admin.get(`/api/audit?from=${new Date(Date.now() + 60_000).toISOString()}`);
    expect(future.body.total).toBe(0);
    const newest = (all.body.items as AuditEntryDto[])[0];
    const window = await admin.get(
      `/api/audit?from=${newest.at}&to=${new Date(Date.parse(newest.at) + 1).toISOString()}`,
    );
    expect(window.body.items.map((e: AuditEntryDto) => e.id)).toContain(newest.id);
    const paged = await admin.get('/api/audit?pageSize=2&page=2');
    expect(paged.body.items.map((e: AuditEntryDto) => e.id)).toEqual(ids.slice(2, 4));
    expect((await admin.get('/api/audit?from=yesterday')).status).toBe(400);
  });

  it('verifies the chain, and reports the first row edited directly in the database', async () => {
    const ok = await admin.get('/api/audit/verify');
    expect(ok.status).toBe(200);
    expect(ok.body.valid).toBe(true);
    expect(ok.body.entries).toBeGreaterThan(3);
    expect(ok.body.firstBrokenId).toBeUndefined();

    const ds = t.dataSource;
    const rows = (await ds.query('SELECT id FROM audit_entries ORDER BY id')) as { id: number }[];
    const victim = Number(rows[2].id);
    await ds.query(`UPDATE audit_entries SET summary = ${ph(ds, 1)} WHERE id = ${ph(ds, 2)}`, [
      'nothing to see here',
      victim,
    ]);
    const broken = await admin.get('/api/audit/verify');
    expect(broken.body).toMatchObject({ valid: false, firstBrokenId: victim });
    expect(broken.body.entries).toBeGreaterThanOrEqual(rows.length);
  });

  it('detects a deleted row', async () => {
    const second = await startTestApp(kind);
    try {
      const a = await second.loginAs(BOOTSTRAP_ADMIN);
      for (let i = 0; i < 3; i++) await a.post('/api/auth/tokens', { name: `t${i}` });
      const ds = second.dataSource;
      const rows = (await ds.query('SELECT id FROM audit_entries ORDER BY id')) as { id: number }[];
      await ds.query(`DELETE FROM audit_entries WHERE id = ${ph(ds, 1)}`, [rows[1].id]);
      const r = await a.get('/api/audit/verify');
      expect(r.body).toMatchObject({ valid: false, firstBrokenId: Number(rows[2].id) });
    } finally {
      await second.close();
    }
  });
});

describeEachDb('audit log under concurrency', (kind) => {
  it('keeps one valid chain when several API processes append at the same time', async () => {
    const first = await startTestApp(kind);
    // On PostgreSQL: separate apps with their own connection pools on the same schema, like separate
    // processes. On SQLite (single-process embedded mode) concurrency comes from one app.
    const others =
      kind === 'postgres'
        ? await Promise.all(
            [1, 2].map(() => startTestApp(kind, { reuse: { dataDir: first.dataDir, schema: first.schema } })),
          )
        : [];
    try {
      const apps = [first, ...others];
      const perApp = kind === 'postgres' ? 15 : 40;
      await Promise.all(
        apps.flatMap((a, i) =>
          Array.from({ length: perApp }, (_, j) =>
            a.app.get(AuditService).record({ action: 'test.concurrent', summary: `app ${i} entry ${j}` }),
          ),
        ),
      );
      const result = await first.app.get(AuditService).verify();
      expect(result.valid).toBe(true);
      const count = (await first.dataSource.query(
        `SELECT COUNT(*) AS n FROM audit_entries WHERE action = 'test.concurrent'`,
      )) as {
        n: string | number;
      }[];
      expect(Number(count[0].n)).toBe(apps.length * perApp);
      // No fork: every prev_hash is used exactly once.
      const forks = (await first.dataSource.query(
        'SELECT prev_hash, COUNT(*) AS n FROM audit_entries GROUP BY prev_hash HAVING COUNT(*) > 1',
      )) as unknown[];
      expect(forks).toEqual([]);
    } finally {
      for (const o of others) await o.close({ keepData: true });
      await first.close();
    }
  });
});
