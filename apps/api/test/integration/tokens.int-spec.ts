import { ApiTokenDto, Roles } from '@dqw/shared-types';
import { describeEachDb } from '../support/db-kinds';
import { ph, snapshotCounts, tsValue } from '../support/db-helpers';
import { startTestApp, TestApp } from '../support/test-app';

describeEachDb('API tokens', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('creates a token shown once, stored hashed, listed without the secret', async () => {
    const c = await t.loginAs(Roles.Analyst);
    const created = await c.post('/api/auth/tokens', { name: 'CI pipeline' });
    expect(created.status).toBe(201);
    const secret: string = created.body.token;
    expect(secret).toMatch(/^dqw_[\w-]{43}$/);
    expect(secret.startsWith(created.body.prefix)).toBe(true);
    const rows = (await t.dataSource.query(
      `SELECT token_hash FROM api_tokens WHERE id = ${ph(t.dataSource, 1)}`,
      [created.body.id],
    )) as { token_hash: string }[];
    expect(rows[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0].token_hash).not.toContain(secret);

    const list = await c.get('/api/auth/tokens');
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ total: 1, page: 1 });
    expect(JSON.stringify(list.body)).not.toContain(secret);
    expect((list.body.items as ApiTokenDto[])[0]).toMatchObject({
      name: 'CI pipeline',
      lastUsedAt: null,
      revokedAt: null,
    });
  });

  it('authenticates Bearer requests with the owner role, no CSRF needed, and records last use', async () => {
    const { token, tokenId } = await t.tokenFor(Roles.DataEngineer);
    const api = t.withToken(token);
    const me = await api.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ authMethod: 'token', csrfToken: null, user: { role: 'DataEngineer' } });
    // The owner's role applies: a DataEngineer can't manage users.
    expect((await api.get('/api/users')).status).toBe(403);
    // Unsafe method without CSRF header works for tokens.
    const another = await api.post('/api/auth/tokens', { name: 'made by a token' });
    expect(another.status).toBe(201);
    const list = await api.get('/api/auth/tokens');
    const used = (list.body.items as ApiTokenDto[]).find((x) => x.id === tokenId);
    expect(used?.lastUsedAt).not.toBeNull();
  });

  it('stops accepting a revoked token', async () => {
    const { token, tokenId } = await t.tokenFor(Roles.Admin);
    const api = t.withToken(token);
    expect((await api.delete(`/api/auth/tokens/${tokenId}`)).status).toBe(204);
    const after = await api.get('/api/auth/me');
    expect(after.status).toBe(401);
    expect(after.body.message).toMatch(/invalid or has expired/);
  });

  it('stops accepting an expired token', async () => {
    const { token, tokenId } = await t.tokenFor(Roles.Analyst);
    const ds = t.dataSource;
    await ds.query(`UPDATE api_tokens SET expires_at = ${ph(ds, 1)} WHERE id = ${ph(ds, 2)}`, [
      tsValue(ds, new Date(Date.now() - 1000)),
      tokenId,
    ]);
    expect((await t.withToken(token).get('/api/auth/me')).status).toBe(401);
  });

  it('accepts a future expiry and refuses a past one', async () => {
    const c = await t.loginAs(Roles.Analyst);
    const future = new Date(Date.now() + 86_400_000).toISOString();
    const ok = await c.post('/api/auth/tokens', { name: 'short-lived', expiresAt: future });
    expect(ok.status).toBe(201);
    expect(ok.body.expiresAt).toBe(future);
    const before = await snapshotCounts(t.dataSource);
    const past = await c.post('/api/auth/tokens', {
      name: 'already dead',
      expiresAt: '2001-01-01T00:00:00Z',
    });
    expect(past.status).toBe(400);
    expect(past.body.details).toEqual([
      { field: 'expiresAt', messages: ['expiresAt must be in the future'] },
    ]);
    const garbage = await c.post('/api/auth/tokens', { name: 'x', expiresAt: 'next tuesday' });
    expect(garbage.status).toBe(400);
    expect(await snapshotCounts(t.dataSource)).toEqual(before);
  });

  it("a deactivated owner's tokens stop working", async () => {
    const { token, user } = await t.tokenFor(Roles.DataEngineer);
    const admin = await t.loginAs(Roles.Admin);
    expect((await admin.patch(`/api/users/${user.id}`, { active: false })).status).toBe(200);
    expect((await t.withToken(token).get('/api/auth/me')).status).toBe(401);
  });

  it("can't revoke someone else's token (404) and rejects a malformed id (400)", async () => {
    const { tokenId } = await t.tokenFor(Roles.Analyst);
    const other = await t.tokenFor(Roles.Admin);
    const r = await t.withToken(other.token).delete(`/api/auth/tokens/${tokenId}`);
    expect(r.status).toBe(404);
    expect((await t.withToken(other.token).delete('/api/auth/tokens/not-a-uuid')).status).toBe(400);
  });

  it('rejects malformed Authorization headers', async () => {
    for (const h of [
      'Bearer',
      'Bearer dqw_nope',
      'Basic YWRtaW46YWRtaW4=',
      `Bearer ${'dqw_'.padEnd(500, 'a')}`,
    ]) {
      expect((await t.http().get('/api/auth/me').set('Authorization', h)).status).toBe(401);
    }
  });
});
