import { Roles, UserDto } from '@dqw/shared-types';
import { describeEachDb } from '../support/db-kinds';
import { snapshotCounts } from '../support/db-helpers';
import { BOOTSTRAP_ADMIN, SessionClient, startTestApp, TestApp } from '../support/test-app';

describeEachDb('users', (kind) => {
  let t: TestApp;
  let admin: SessionClient;
  beforeAll(async () => {
    t = await startTestApp(kind);
    admin = await t.loginAs(BOOTSTRAP_ADMIN);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('creates the first Admin on first start, from the env', async () => {
    const list = await admin.get(`/api/users?role=Admin`);
    expect(list.body.items.map((u: UserDto) => u.email)).toContain(BOOTSTRAP_ADMIN.email);
    const audit = await admin.get('/api/audit?action=user.create&actorType=system');
    expect(audit.body.items.some((e: { summary: string }) => e.summary.includes('first Admin'))).toBe(true);
  });

  it('creates, reads, updates users; email is unique case-insensitively', async () => {
    const created = await admin.post('/api/users', {
      email: 'New.Person@Test.Local',
      displayName: 'New Person',
      role: 'DataEngineer',
      password: 'A-good-long-password',
    });
    expect(created.status).toBe(201);
    const u = created.body as UserDto;
    expect(u).toMatchObject({
      email: 'new.person@test.local',
      role: 'DataEngineer',
      active: true,
      locked: false,
      lastLoginAt: null,
    });
    expect(JSON.stringify(u)).not.toMatch(/password/i);
    const dup = await admin.post('/api/users', {
      email: 'NEW.person@test.local',
      role: 'Analyst',
      password: 'A-good-long-password',
    });
    expect(dup.status).toBe(409);
    const got = await admin.get(`/api/users/${u.id}`);
    expect(got.body).toEqual(u);
    const upd = await admin.patch(`/api/users/${u.id}`, { displayName: 'Renamed', role: 'Analyst' });
    expect(upd.status).toBe(200);
    expect(upd.body).toMatchObject({ displayName: 'Renamed', role: 'Analyst' });
    const entry = await admin.get(`/api/audit?action=user.update&entityId=${u.id}`);
    expect(entry.body.items[0].changes).toEqual({
      before: { displayName: 'New Person', role: 'DataEngineer' },
      after: { displayName: 'Renamed', role: 'Analyst' },
    });
    // The new user can sign in with the password the Admin set.
    expect(
      (await t.http().post('/api/auth/login').send({ email: u.email, password: 'A-good-long-password' }))
        .status,
    ).toBe(200);
  });

  it('refuses short and common passwords', async () => {
    const before = await snapshotCounts(t.dataSource);
    const short = await admin.post('/api/users', {
      email: 'short@test.local',
      role: 'Analyst',
      password: 'short',
    });
    expect(short.status).toBe(400);
    expect(short.body.details[0].field).toBe('password');
    const common = await admin.post('/api/users', {
      email: 'common@test.local',
      role: 'Analyst',
      password: 'Password1234',
    });
    expect(common.status).toBe(400);
    expect(common.body.message).toMatch(/common/);
    expect(await snapshotCounts(t.dataSource)).toEqual(before);
  });

  it('lists with paging and filters', async () => {
    for (let i = 0; i < 3; i++)
      await t.createUser({ role: Roles.Analyst, email: `pager-${i}@test.local`, displayName: `Pager ${i}` });
    const page = await admin.get('/api/users?q=pager&pageSize=2&page=2');
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(page.body.items.map((u: UserDto) => u.email)).toEqual(['pager-2@test.local']);
    const byRole = await admin.get('/api/users?role=Analyst&active=true&pageSize=200');
    expect(byRole.body.items.every((u: UserDto) => u.role === 'Analyst' && u.active)).toBe(true);
    // LIKE wildcards in the search are literal.
    expect((await admin.get('/api/users?q=%25')).body.total).toBe(0);
  });

  it('deletes a user without history, deactivates one with history', async () => {
    const fresh = await t.createUser({ role: Roles.Analyst });
    const del = await admin.delete(`/api/users/${fresh.user.id}`);
    expect(del.status).toBe(200);
    expect(del.body).toEqual({ outcome: 'deleted', user: null });
    expect((await admin.get(`/api/users/${fresh.user.id}`)).status).toBe(404);

    const used = await t.createUser({ role: Roles.DataEngineer });
    const session = await t.loginAs({ email: used.user.email, password: used.password });
    const token = (await session.post('/api/auth/tokens', { name: 'x' })).body.token as string;
    const res = await admin.delete(`/api/users/${used.user.id}`);
    expect(res.status).toBe(200);
    expect(res.body.outcome).toBe('deactivated');
    expect(res.body.user).toMatchObject({ id: used.user.id, active: false });
    // Deactivation ends sessions and tokens at once.
    expect((await session.get('/api/auth/me')).status).toBe(401);
    expect((await t.withToken(token).get('/api/auth/me')).status).toBe(401);
    expect(
      (await t.http().post('/api/auth/login').send({ email: used.user.email, password: used.password }))
        .status,
    ).toBe(401);
    const entries = await admin.get(`/api/audit?entityId=${used.user.id}&action=user.deactivate`);
    expect(entries.body.total).toBe(1);
    // Reactivation brings the account back.
    expect((await admin.patch(`/api/users/${used.user.id}`, { active: true })).status).toBe(200);
    expect(
      (await t.http().post('/api/auth/login').send({ email: used.user.email, password: used.password }))
        .status,
    ).toBe(200);
  });

  it('an Admin password reset ends the user sessions', async () => {
    const { user, password } = await t.createUser({ role: Roles.Analyst });
    const s = await t.loginAs({ email: user.email, password });
    expect((await admin.patch(`/api/users/${user.id}`, { password: 'Reset-by-the-admin-1' })).status).toBe(
      200,
    );
    expect((await s.get('/api/auth/me')).status).toBe(401);
    const entry = await admin.get(`/api/audit?action=user.update&entityId=${user.id}`);
    expect(JSON.stringify(entry.body.items[0])).not.toContain('Reset-by-the-admin-1');
  });

  it('returns 404 for unknown ids and 400 for an empty update', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    expect((await admin.get(`/api/users/${id}`)).status).toBe(404);
    expect((await admin.patch(`/api/users/${id}`, { displayName: 'x' })).status).toBe(404);
    expect((await admin.delete(`/api/users/${id}`)).status).toBe(404);
    const { user } = await t.createUser();
    expect((await admin.patch(`/api/users/${user.id}`, {})).status).toBe(400);
  });
});

describeEachDb('users: the last active Admin', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("can't be demoted, deactivated or deleted; with a second Admin it can", async () => {
    const admin = await t.loginAs(BOOTSTRAP_ADMIN);
    const me = admin.me.user;
    const before = await snapshotCounts(t.dataSource);
    for (const r of [
      await admin.patch(`/api/users/${me.id}`, { role: 'Analyst' }),
      await admin.patch(`/api/users/${me.id}`, { active: false }),
      await admin.delete(`/api/users/${me.id}`),
    ]) {
      expect(r.status).toBe(409);
      expect(r.body.message).toMatch(/last active Admin/);
    }
    expect(await snapshotCounts(t.dataSource)).toEqual(before);
    expect((await admin.get(`/api/users/${me.id}`)).body).toMatchObject({ role: 'Admin', active: true });

    // A deactivated Admin doesn't count.
    const inactive = await t.createUser({ role: Roles.Admin, active: false });
    expect((await admin.patch(`/api/users/${me.id}`, { role: 'Analyst' })).status).toBe(409);
    expect(inactive.user.active).toBe(false);

    const second = await t.createUser({ role: Roles.Admin });
    const demoted = await admin.patch(`/api/users/${me.id}`, { role: 'DataEngineer' });
    expect(demoted.status).toBe(200);
    // Now the second one is the last.
    const s2 = await t.loginAs({ email: second.user.email, password: second.password });
    expect((await s2.patch(`/api/users/${second.user.id}`, { active: false })).status).toBe(409);
  });

  it('two Admins demoting each other at the same time leave one Admin', async () => {
    const a = await t.createUser({ role: Roles.Admin });
    const b = await t.createUser({ role: Roles.Admin });
    const sa = await t.loginAs({ email: a.user.email, password: a.password });
    const sb = await t.loginAs({ email: b.user.email, password: b.password });
    // Make them the only active Admins.
    const others = (await sa.get('/api/users?role=Admin&active=true&pageSize=200')).body.items as UserDto[];
    for (const o of others.filter((u) => u.id !== a.user.id && u.id !== b.user.id)) {
      expect((await sa.patch(`/api/users/${o.id}`, { active: false })).status).toBe(200);
    }
    const [ra, rb] = await Promise.all([
      sa.patch(`/api/users/${b.user.id}`, { role: 'Analyst' }),
      sb.patch(`/api/users/${a.user.id}`, { role: 'Analyst' }),
    ]);
    // One wins; the other is refused as the last Admin (409), or finds itself demoted already (403).
    const statuses = [ra.status, rb.status].sort();
    expect(statuses[0]).toBe(200);
    expect([403, 409]).toContain(statuses[1]);
    const admins = (await t.dataSource.query(
      `SELECT COUNT(*) AS n FROM users WHERE role = 'Admin' AND active = ${kind === 'postgres' ? 'true' : '1'}`,
    )) as {
      n: string | number;
    }[];
    expect(Number(admins[0].n)).toBe(1);
  });
});
