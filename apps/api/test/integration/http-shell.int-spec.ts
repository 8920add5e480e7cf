import { uniquePrefix } from '../support/redis';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeEachDb } from '../support/db-kinds';
import { discoverRoutes } from '../support/routes';
import { startTestApp, TestApp } from '../support/test-app';

const TEST_REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

describeEachDb('HTTP shell: SPA, errors, request ids, headers, OpenAPI, health', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
    // A stand-in for the built SPA, with an inline handler like Angular's critical-CSS loader.
    const web = join(t.dataDir, 'web');
    mkdirSync(join(web, 'assets'), { recursive: true });
    writeFileSync(
      join(web, 'index.html'),
      `<html><head><link rel="stylesheet" href="styles.css" media="print" onload="this.media='all'"></head><body><dqw-root></dqw-root><script src="main-ABCDEFGH.js" type="module"></script></body></html>`,
    );
    writeFileSync(join(web, 'main-ABCDEFGH.js'), 'console.log(1)');
    writeFileSync(join(web, 'assets', 'logo.svg'), '<svg/>');
    await t.close({ keepData: true });
    t = await startTestApp(kind, {
      reuse: { dataDir: t.dataDir, schema: t.schema },
      env: { WEB_DIST_DIR: web },
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('serves the SPA with history-API fallback, but never for /api', async () => {
    const root = await t.http().get('/');
    expect(root.status).toBe(200);
    expect(root.text).toContain('<dqw-root>');
    const deep = await t.http().get('/datasets/123/rules').set('Accept', 'text/html');
    expect(deep.status).toBe(200);
    expect(deep.text).toContain('<dqw-root>');
    expect(deep.headers['cache-control']).toBe('no-cache');
    const js = await t.http().get('/main-ABCDEFGH.js');
    expect(js.headers['content-type']).toMatch(/javascript/);
    expect(js.headers['cache-control']).toMatch(/immutable/);
    expect((await t.http().get('/assets/logo.svg')).status).toBe(200);
    for (const p of ['/api/nope', '/api', '/api/users/x/y/z']) {
      const r = await t.http().get(p).set('Accept', 'text/html');
      expect(r.status, p).toBe(404);
      expect(r.headers['content-type']).toMatch(/application\/json/);
      expect(r.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    }
    expect((await t.http().post('/api/nope').send({})).body.statusCode).toBe(404);
    // Path traversal stays inside the SPA folder.
    const trav = await t.http().get('/..%2f..%2fpackage.json');
    expect(trav.text).not.toContain('"dependencies"');
  });

  it('sends a CSP that allows exactly the inline handler of index.html', async () => {
    const csp = (await t.http().get('/')).headers['content-security-policy'] as string;
    expect(csp).toContain("script-src 'self' 'unsafe-hashes' 'sha256-");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(csp).toContain("frame-ancestors 'none'");
    const api = await t.http().get('/api/health');
    expect(api.headers['content-security-policy']).toContain("default-src 'self'");
    expect(api.headers['x-powered-by']).toBeUndefined();
    expect(api.headers['strict-transport-security']).toBeUndefined();
    const tls = await t.http().get('/api/health').set('X-Forwarded-Proto', 'https');
    // TRUST_PROXY is off by default, so a forwarded header doesn't make the request "secure".
    expect(tls.headers['strict-transport-security']).toBeUndefined();
  });

  it('accepts and echoes X-Request-Id, and puts it in error bodies', async () => {
    const r = await t.http().get('/api/nope').set('X-Request-Id', 'abc-123');
    expect(r.headers['x-request-id']).toBe('abc-123');
    expect(r.body.requestId).toBe('abc-123');
    const gen = await t.http().get('/api/health');
    expect(gen.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('describes every API route and DTO in OpenAPI, with cookie and bearer security', async () => {
    const doc = (await t.http().get('/api/docs-json')).body as {
      paths: Record<string, Record<string, { summary?: string; responses: object; security?: object[] }>>;
      components: {
        securitySchemes: Record<string, { type: string; in?: string; scheme?: string }>;
        schemas: Record<
          string,
          { properties?: Record<string, { description?: string; $ref?: string; allOf?: unknown }> }
        >;
      };
    };
    expect(doc.components.securitySchemes['session']).toMatchObject({ type: 'apiKey', in: 'cookie' });
    expect(doc.components.securitySchemes['token']).toMatchObject({ type: 'http', scheme: 'bearer' });
    const nestRoutes = discoverRoutes(t.app).filter((r) => !r.includes('/api/docs'));
    for (const route of nestRoutes) {
      const [method, path] = route.split(' ');
      const op = doc.paths[path.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()];
      expect(op, route).toBeDefined();
      expect(op.summary, route).toBeTruthy();
      expect(Object.keys(op.responses).length, route).toBeGreaterThan(0);
    }
    for (const [name, schema] of Object.entries(doc.components.schemas)) {
      for (const [prop, p] of Object.entries(schema.properties ?? {})) {
        expect(p.description || p.$ref || p.allOf, `${name}.${prop}`).toBeTruthy();
      }
    }
    expect(doc.paths['/api/users']['get'].security).toEqual(
      expect.arrayContaining([{ session: [] }, { token: [] }]),
    );
    expect(doc.paths['/api/health']['get'].security).toBeUndefined();
    const ui = await t.http().get('/api/docs/');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger');
  });

  it('reports health with database, disk and mode', async () => {
    const r = await t.http().get('/api/health');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      status: 'ok',
      mode: kind === 'postgres' ? 'production' : 'embedded',
      checks: { database: { status: 'ok', dialect: kind }, disk: { status: 'ok' } },
    });
    expect(r.body.checks.disk.freeMb).toBeGreaterThan(0);
    expect(r.body.checks.redis).toBeUndefined();
  });

  it('answers 503 "down" when the database is gone', async () => {
    const other = await startTestApp(kind);
    try {
      await other.dataSource.destroy();
      const r = await other.http().get('/api/health');
      expect(r.status).toBe(503);
      expect(r.body.status).toBe('down');
      expect(r.body.checks.database.status).toBe('down');
    } finally {
      await other.close().catch(() => undefined);
    }
  });
});

describe('health with Redis configured', () => {
  it('is ok when Redis answers and degraded when it does not', async () => {
    // `up` also runs the queue workers, so the health of a complete installation is "ok".
    const up = await startTestApp('sqlite', {
      env: { REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: uniquePrefix('health') },
      roles: { web: true, worker: true, scheduler: false },
    });
    const down = await startTestApp('sqlite', {
      env: { REDIS_URL: 'redis://127.0.0.1:1', QUEUE_PREFIX: uniquePrefix('health-down') },
    });
    try {
      const a = await up.http().get('/api/health');
      const b = await down.http().get('/api/health');
      // Redis is a required service on CI (.ci/run starts it); locally it may be absent.
      if (a.body.checks.redis.status === 'ok' || process.env['CI'] === 'true') {
        expect(a.body.checks.redis.status).toBe('ok');
        expect(a.body.status).toBe('ok');
      }
      expect(b.status).toBe(200);
      expect(b.body.status).toBe('degraded');
      expect(b.body.checks.redis.status).toBe('down');
      expect(b.body.checks.workers.status).toBe('degraded');
      expect(JSON.stringify(b.body)).not.toContain('redis://');
    } finally {
      await up.close();
      await down.close();
    }
  });
});
