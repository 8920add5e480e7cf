import { CSRF_HEADER, Roles } from '@dqw/shared-types';
import { describeEachDb } from '../support/db-kinds';
import { snapshotCounts } from '../support/db-helpers';
import { BOOTSTRAP_ADMIN, SessionClient, startTestApp, TestApp } from '../support/test-app';

const NASTY = [
  "Robert'); DROP TABLE users;--",
  "' OR '1'='1",
  '<script>alert("x")</script>',
  '"><img src=x onerror=alert(1)>',
  '${7*7} {{7*7}} %s %n',
  'Ünïcødé — 😀 \\ back\\slash',
];

describeEachDb('bad input', (kind) => {
  let t: TestApp;
  let admin: SessionClient;
  let token: string;
  beforeAll(async () => {
    t = await startTestApp(kind, { env: { BODY_LIMIT: '64kb' } });
    admin = await t.loginAs(BOOTSTRAP_ADMIN);
    token = (await t.tokenFor(Roles.Admin)).token;
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Runs `fn` and asserts that no table changed. */
  async function unchanged(fn: () => Promise<void>): Promise<void> {
    const before = await snapshotCounts(t.dataSource);
    await fn();
    expect(await snapshotCounts(t.dataSource)).toEqual(before);
  }

  it('refuses wrong types with 400 and field details', async () => {
    await unchanged(async () => {
      const cases: [object, string][] = [
        [{ email: 123, role: 'Analyst', password: 'A-long-password-1' }, 'email'],
        [{ email: 'a@b.c', role: 'Overlord', password: 'A-long-password-1' }, 'role'],
        [{ email: 'a@b.c', role: 'Analyst', password: ['A-long-password-1'] }, 'password'],
        [
          { email: 'a@b.c', role: 'Analyst', password: 'A-long-password-1', displayName: { $ne: null } },
          'displayName',
        ],
        [{ email: 'not an email', role: 'Analyst', password: 'A-long-password-1' }, 'email'],
        [
          { email: 'a@b.c', role: 'Analyst', password: 'A-long-password-1', displayName: '   ' },
          'displayName',
        ],
        [
          { email: 'a@b.c', role: 'Analyst', password: 'A-long-password-1', displayName: 'x'.repeat(201) },
          'displayName',
        ],
      ];
      for (const [body, field] of cases) {
        const r = await admin.post('/api/users', body);
        expect(r.status, JSON.stringify(body)).toBe(400);
        expect(r.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
        expect(r.body.details.map((d: { field: string }) => d.field)).toContain(field);
      }
      const patch = await admin.patch(`/api/users/${admin.me.user.id}`, { active: 'yes' });
      expect(patch.status).toBe(400);
      const locked = await admin.patch(`/api/users/${admin.me.user.id}`, { locked: true });
      expect(locked.status).toBe(400);
      const login = await t
        .http()
        .post('/api/auth/login')
        .send({ email: BOOTSTRAP_ADMIN.email, password: 12345678901234 });
      expect(login.status).toBe(400);
    });
  });

  it('refuses unknown fields', async () => {
    await unchanged(async () => {
      const r = await admin.post('/api/users', {
        email: 'extra@test.local',
        role: 'Analyst',
        password: 'A-long-password-1',
        isAdmin: true,
      });
      expect(r.status).toBe(400);
      expect(r.body.details).toEqual([{ field: 'isAdmin', messages: ['property isAdmin should not exist'] }]);
      const q = await admin.get('/api/users?sort=evil');
      expect(q.status).toBe(400);
      const proto = await t
        .withToken(token)
        .post('/api/auth/tokens')
        .set('Content-Type', 'application/json')
        .send('{"name":"x","__proto__":{"admin":true}}');
      expect(proto.status).toBe(400);
    });
  });

  it('refuses malformed JSON, non-object bodies and a missing body with 400', async () => {
    await unchanged(async () => {
      for (const raw of ['{"email": "a@b.c",', 'not json', '{"a":1}}', '\u0000']) {
        const r = await t
          .withToken(token)
          .post('/api/auth/tokens')
          .set('Content-Type', 'application/json')
          .send(raw);
        expect(r.status, raw).toBe(400);
        expect(r.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
        expect(r.headers['content-type']).toMatch(/application\/json/);
      }
      for (const body of ['[]', '"a string"', '42', 'null']) {
        const r = await t
          .withToken(token)
          .post('/api/auth/tokens')
          .set('Content-Type', 'application/json')
          .send(body);
        expect(r.status, body).toBe(400);
      }
      const noBody = await t.withToken(token).post('/api/auth/tokens');
      expect(noBody.status).toBe(400);
      const form = await t.withToken(token).post('/api/auth/tokens').type('form').send('name=x');
      expect(form.status).toBe(400);
    });
  });

  it('refuses bodies over the limit with 413', async () => {
    await unchanged(async () => {
      const huge = { name: 'x'.repeat(100 * 1024) };
      const r = await t.withToken(token).post('/api/auth/tokens').send(huge);
      expect(r.status).toBe(413);
      expect(r.body).toMatchObject({ statusCode: 413, error: 'Payload Too Large' });
      const login = await t
        .http()
        .post('/api/auth/login')
        .send({ email: 'a@b.c', password: 'p'.repeat(200_000) });
      expect(login.status).toBe(413);
    });
  });

  it('refuses bad query parameters and ids with 400', async () => {
    await unchanged(async () => {
      for (const q of [
        'page=0',
        'page=abc',
        'pageSize=201',
        'pageSize=-1',
        'page=1.5',
        'active=maybe',
        'role=God',
      ]) {
        expect((await admin.get(`/api/users?${q}`)).status, q).toBe(400);
      }
      for (const q of ['from=2024-13-45', 'actorType=robot', 'to=tomorrow']) {
        expect((await admin.get(`/api/audit?${q}`)).status, q).toBe(400);
      }
      for (const id of ["1' OR '1'='1", 'not-a-uuid', '..%2F..%2Fetc%2Fpasswd']) {
        expect((await admin.get(`/api/users/${id}`)).status, id).toBe(400);
        expect((await admin.delete(`/api/users/${id}`)).status, id).toBe(400);
      }
    });
  });

  it('stores SQL-ish and script strings verbatim and returns them as JSON data', async () => {
    for (const [i, s] of NASTY.entries()) {
      const created = await admin.post('/api/users', {
        email: `nasty${i}@test.local`,
        role: 'Analyst',
        password: `${s} padding-to-length`,
        displayName: s,
      });
      expect(created.status).toBe(201);
      expect(created.headers['content-type']).toMatch(/^application\/json/);
      expect(created.body.displayName).toBe(s);
      const read = await admin.get(`/api/users/${created.body.id}`);
      expect(read.body.displayName).toBe(s);
      // The password with the same text works (stored as a hash, compared exactly).
      const login = await t.loginAs({ email: `nasty${i}@test.local`, password: `${s} padding-to-length` });
      const tok = await login.post('/api/auth/tokens', { name: s });
      expect(tok.status).toBe(201);
      expect((await login.get('/api/auth/tokens')).body.items[0].name).toBe(s);
      // Searching with it is just text.
      const found = await admin.get(`/api/users?q=${encodeURIComponent(s)}`);
      expect(found.status).toBe(200);
      expect(found.body.items.map((u: { id: string }) => u.id)).toContain(created.body.id);
    }
    // The tables are intact.
    expect((await admin.get('/api/users?pageSize=200')).body.total).toBeGreaterThanOrEqual(NASTY.length + 1);
    expect((await admin.get('/api/audit/verify')).body.valid).toBe(true);
    // JSON responses are never sniffed as HTML.
    const r = await admin.get('/api/users');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
  });

  it('never answers 500 to hostile headers', async () => {
    await unchanged(async () => {
      const r1 = await t.http().get('/api/auth/me').set('Cookie', 'dqw_session=%E0%A4%A');
      expect(r1.status).toBe(401);
      const r2 = await t.http().get('/api/health').set('X-Request-Id', '<script>alert(1)</script>');
      expect(r2.status).toBe(200);
      // An unsafe request id is replaced, not echoed.
      expect(r2.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      const r3 = await admin.agent
        .post('/api/auth/tokens')
        .set(CSRF_HEADER, '\u00ff'.repeat(10))
        .send({ name: 'x' });
      expect(r3.status).toBe(403);
      const r4 = await t
        .withToken(token)
        .post('/api/auth/tokens')
        .set('Content-Type', 'application/json; charset=koi8-r')
        .send('{"name":"x"}');
      expect(r4.status).toBe(415);
    });
  });
});
