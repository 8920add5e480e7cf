import { CSRF_HEADER, MeResponse, Roles, SESSION_COOKIE } from '@dqw/shared-types';
import request from 'supertest';
import { describeEachDb } from '../support/db-kinds';
import { ph, snapshotCounts, tsValue } from '../support/db-helpers';
import { BOOTSTRAP_ADMIN, startTestApp, TestApp } from '../support/test-app';

function sessionCookie(res: request.Response): string | undefined {
  const raw = res.headers['set-cookie'] as unknown as string[] | undefined;
  return raw?.find((c) => c.startsWith(`${SESSION_COOKIE}=`));
}

describeEachDb('auth: sessions, CSRF, lockout', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind, { env: { LOGIN_LOCKOUT_THRESHOLD: '10' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('signs in with an HttpOnly SameSite=Lax cookie and returns the user and a CSRF token', async () => {
    const res = await t.http().post('/api/auth/login').send(BOOTSTRAP_ADMIN);
    expect(res.status).toBe(200);
    const cookie = sessionCookie(res);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
    const me = res.body as MeResponse;
    expect(me.user.email).toBe(BOOTSTRAP_ADMIN.email);
    expect(me.user.role).toBe('Admin');
    expect(me.authMethod).toBe('session');
    expect(me.csrfToken).toMatch(/^[\w-]{40,}$/);
    expect(JSON.stringify(me)).not.toMatch(/password/i);
    // Only the hash of the cookie value is stored.
    const secret = decodeURIComponent((cookie ?? '').split(';')[0].split('=')[1]);
    const rows = (await t.dataSource.query('SELECT token_hash FROM sessions')) as { token_hash: string }[];
    expect(rows.some((r) => r.token_hash === secret)).toBe(false);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.token_hash))).toBe(true);
  });

  it('matches the email case-insensitively', async () => {
    const res = await t
      .http()
      .post('/api/auth/login')
      .send({ ...BOOTSTRAP_ADMIN, email: BOOTSTRAP_ADMIN.email.toUpperCase() });
    expect(res.status).toBe(200);
  });

  it('answers the same 401 for an unknown account and a wrong password, and audits both', async () => {
    const unknown = await t
      .http()
      .post('/api/auth/login')
      .send({ email: 'nobody@test.local', password: 'whatever-password-1' });
    const wrong = await t
      .http()
      .post('/api/auth/login')
      .send({ email: BOOTSTRAP_ADMIN.email, password: 'wrong-password-123' });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body.message).toBe(wrong.body.message);
    expect(sessionCookie(unknown)).toBeUndefined();
    const admin = await t.loginAs(BOOTSTRAP_ADMIN);
    const audit = await admin.get('/api/audit?action=auth.login.failed');
    const labels = audit.body.items.map((e: { actorLabel: string }) => e.actorLabel);
    expect(labels).toEqual(expect.arrayContaining(['nobody@test.local', BOOTSTRAP_ADMIN.email]));
    const ok = await admin.get('/api/audit?action=auth.login');
    expect(ok.body.total).toBeGreaterThan(0);
    expect(ok.body.items[0].actorType).toBe('user');
  });

  it('GET /api/auth/me works with the cookie and returns the same CSRF token', async () => {
    const c = await t.loginAs(Roles.Analyst);
    const me = await c.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.csrfToken).toBe(c.csrf);
    expect(me.body.user.role).toBe('Analyst');
  });

  it('refuses unsafe methods without or with a wrong CSRF token, changing nothing', async () => {
    const c = await t.loginAs(Roles.Admin);
    const otherSession = await t.loginAs(Roles.Admin);
    const before = await snapshotCounts(t.dataSource);
    const body = { email: 'csrf-victim@test.local', role: 'Analyst', password: 'Victim-password-1' };
    const missing = await c.agent.post('/api/users').send(body);
    const wrong = await c.agent.post('/api/users').set(CSRF_HEADER, 'x'.repeat(43)).send(body);
    const foreign = await c.agent.post('/api/users').set(CSRF_HEADER, otherSession.csrf).send(body);
    for (const r of [missing, wrong, foreign]) {
      expect(r.status).toBe(403);
      expect(r.body.message).toMatch(/CSRF/);
    }
    expect(await snapshotCounts(t.dataSource)).toEqual(before);
    const ok = await c.post('/api/users', body);
    expect(ok.status).toBe(201);
  });

  it('treats a forged or garbage session cookie as signed out (401) and clears it', async () => {
    const before = await snapshotCounts(t.dataSource);
    for (const value of ['garbage', 'A'.repeat(43), '%00%27%20OR%201%3D1--', 'x'.repeat(5000)]) {
      const r = await t.http().get('/api/auth/me').set('Cookie', `${SESSION_COOKIE}=${value}`);
      expect(r.status).toBe(401);
      expect(r.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
      const post = await t
        .http()
        .post('/api/auth/tokens')
        .set('Cookie', `${SESSION_COOKIE}=${value}`)
        .set(CSRF_HEADER, 'anything')
        .send({ name: 'x' });
      expect(post.status).toBe(401);
    }
    expect(await snapshotCounts(t.dataSource)).toEqual(before);
  });

  it('logout ends the session server-side', async () => {
    const c = await t.loginAs(Roles.DataEngineer);
    const out = await c.post('/api/auth/logout');
    expect(out.status).toBe(204);
    // Even a client that kept the old cookie is signed out.
    const cookie = sessionCookie(
      await t.http().post('/api/auth/login').send({ email: c.me.user.email, password: 'x' }),
    );
    expect(cookie).toBeUndefined();
    const me = await c.get('/api/auth/me');
    expect(me.status).toBe(401);
  });

  it('expires sessions after the TTL and slides the expiry while in use', async () => {
    const c = await t.loginAs(Roles.Analyst);
    const ds = t.dataSource;
    const [row] = (await ds.query(`SELECT id, expires_at FROM sessions WHERE user_id = ${ph(ds, 1)}`, [
      c.me.user.id,
    ])) as {
      id: string;
      expires_at: string | Date;
    }[];
    // Pretend the last request was 10 minutes ago: the next one must extend the expiry.
    const old = new Date(Date.now() - 10 * 60_000);
    await ds.query(
      `UPDATE sessions SET last_seen_at = ${ph(ds, 1)}, expires_at = ${ph(ds, 2)} WHERE id = ${ph(ds, 3)}`,
      [tsValue(ds, old), tsValue(ds, new Date(Date.now() + 60_000)), row.id],
    );
    const me = await c.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(sessionCookie(me)).toBeDefined();
    const [after] = (await ds.query(`SELECT expires_at FROM sessions WHERE id = ${ph(ds, 1)}`, [row.id])) as {
      expires_at: string | Date;
    }[];
    const expiresAt = new Date(after.expires_at instanceof Date ? after.expires_at : `${after.expires_at}Z`);
    expect(expiresAt.getTime()).toBeGreaterThan(Date.now() + (t.config.sessionTtlHours - 1) * 3_600_000);
    // Now expire it.
    await ds.query(`UPDATE sessions SET expires_at = ${ph(ds, 1)} WHERE id = ${ph(ds, 2)}`, [
      tsValue(ds, new Date(Date.now() - 1000)),
      row.id,
    ]);
    expect((await c.get('/api/auth/me')).status).toBe(401);
  });

  it('locks an account after ten wrong passwords; an Admin clears the lockout', async () => {
    const { user, password } = await t.createUser({ role: Roles.Analyst });
    for (let i = 0; i < 10; i++) {
      const r = await t
        .http()
        .post('/api/auth/login')
        .send({ email: user.email, password: `wrong-password-${i}` });
      expect(r.status).toBe(401);
    }
    const locked = await t.http().post('/api/auth/login').send({ email: user.email, password });
    expect(locked.status).toBe(401);
    expect(sessionCookie(locked)).toBeUndefined();
    // Same message as for a wrong password: the answer doesn't reveal the lockout.
    expect(locked.body.message).toBe('Invalid email or password');

    const admin = await t.loginAs(BOOTSTRAP_ADMIN);
    const u = await admin.get(`/api/users/${user.id}`);
    expect(u.body.locked).toBe(true);
    const lockEntries = await admin.get(`/api/audit?action=user.lock&entityId=${user.id}`);
    expect(lockEntries.body.total).toBe(1);

    const cleared = await admin.patch(`/api/users/${user.id}`, { locked: false });
    expect(cleared.status).toBe(200);
    expect(cleared.body.locked).toBe(false);
    const ok = await t.http().post('/api/auth/login').send({ email: user.email, password });
    expect(ok.status).toBe(200);
  });

  it('changes the own password and ends the other sessions', async () => {
    const { user, password } = await t.createUser({ role: Roles.DataEngineer });
    const a = await t.loginAs({ email: user.email, password });
    const b = await t.loginAs({ email: user.email, password });
    const wrong = await a.post('/api/auth/password', {
      currentPassword: 'not-it-at-all',
      newPassword: 'A-new-password-42',
    });
    expect(wrong.status).toBe(400);
    const weak = await a.post('/api/auth/password', {
      currentPassword: password,
      newPassword: 'password1234',
    });
    expect(weak.status).toBe(400);
    const ok = await a.post('/api/auth/password', {
      currentPassword: password,
      newPassword: 'A-new-password-42',
    });
    expect(ok.status).toBe(204);
    expect((await a.get('/api/auth/me')).status).toBe(200);
    expect((await b.get('/api/auth/me')).status).toBe(401);
    expect((await t.http().post('/api/auth/login').send({ email: user.email, password })).status).toBe(401);
    expect(
      (await t.http().post('/api/auth/login').send({ email: user.email, password: 'A-new-password-42' }))
        .status,
    ).toBe(200);
  });
});

describeEachDb('auth: rate limiting', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind, {
      env: { LOGIN_RATE_LIMIT_PER_IP: '5', LOGIN_RATE_LIMIT_PER_ACCOUNT: '3' },
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('limits attempts per account, then per IP, with 429 and Retry-After', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await t
        .http()
        .post('/api/auth/login')
        .send({ email: 'target@test.local', password: 'guess-password-1' });
      statuses.push(r.status);
      if (r.status === 429) expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
    // Another account from the same IP: one more attempt fits under the per-IP limit of 5.
    expect(
      (
        await t
          .http()
          .post('/api/auth/login')
          .send({ email: 'other@test.local', password: 'guess-password-1' })
      ).status,
    ).toBe(401);
    expect(
      (
        await t
          .http()
          .post('/api/auth/login')
          .send({ email: 'third@test.local', password: 'guess-password-1' })
      ).status,
    ).toBe(429);
  });
});

describeEachDb('auth: sessions survive restarts and work across processes', (kind) => {
  it('a session created by one app instance is accepted by another and after a restart', async () => {
    const first = await startTestApp(kind);
    const c = await first.loginAs(BOOTSTRAP_ADMIN);
    const cookie = `${SESSION_COOKIE}=${(c.agent as unknown as { jar: { getCookie(n: string, o: object): { value: string } } }).jar.getCookie(SESSION_COOKIE, { path: '/', domain: '127.0.0.1', secure: false, script: false }).value}`;
    const second = await startTestApp(kind, { reuse: { dataDir: first.dataDir, schema: first.schema } });
    try {
      const viaSecond = await second.http().get('/api/auth/me').set('Cookie', cookie);
      expect(viaSecond.status).toBe(200);
      const created = await second
        .http()
        .post('/api/auth/tokens')
        .set('Cookie', cookie)
        .set(CSRF_HEADER, c.csrf)
        .send({ name: 'from the other process' });
      expect(created.status).toBe(201);
      await first.close({ keepData: true });
      const restarted = await startTestApp(kind, {
        reuse: { dataDir: second.dataDir, schema: second.schema },
      });
      expect((await restarted.http().get('/api/auth/me').set('Cookie', cookie)).status).toBe(200);
      await restarted.close({ keepData: true });
    } finally {
      await second.close();
    }
  });
});
