import { Role, Roles } from '@dqw/shared-types';
import request from 'supertest';
import { describeEachDb } from '../support/db-kinds';
import { ph, tsValue } from '../support/db-helpers';
import { ProbeModule } from '../support/probe.module';
import { discoverRoutes } from '../support/routes';
import { startTestApp, TestApp } from '../support/test-app';

const { Admin, DataEngineer, Analyst } = Roles;
const ANY: Role[] = [Admin, DataEngineer, Analyst];
const UUID = '00000000-0000-4000-8000-000000000000';

/**
 * Every route of the app: who may call it and what an allowed caller gets for the probe request
 * (empty body, a random id). A route missing here, or one listed that no longer exists, fails the test.
 */
interface Expectation {
  access: 'public' | Role[];
  /** Status for an allowed caller. */
  ok: number;
  /** A streaming response (SSE): the probe reads the status and hangs up. */
  stream?: boolean;
}

const MATRIX: Record<string, Expectation> = {
  'GET /api/health': { access: 'public', ok: 200 },
  'GET /api/health/live': { access: 'public', ok: 200 },
  'GET /api/health/ready': { access: 'public', ok: 200 },
  'GET /api/docs': { access: 'public', ok: 200 },
  'GET /api/docs-json': { access: 'public', ok: 200 },
  'GET /api/docs/': { access: 'public', ok: 200 },
  'GET /api/docs/index.html': { access: 'public', ok: 200 },
  // Registered by @nestjs/swagger; swagger-ui-dist ships no such file here.
  'GET /api/docs/LICENSE': { access: 'public', ok: 404 },
  'GET /api/docs/swagger-ui-init.js': { access: 'public', ok: 200 },
  'GET /api/docs/docs/swagger-ui-init.js': { access: 'public', ok: 200 },
  'POST /api/auth/login': { access: 'public', ok: 400 },
  'POST /api/auth/logout': { access: ANY, ok: 204 },
  'GET /api/auth/me': { access: ANY, ok: 200 },
  'POST /api/auth/password': { access: ANY, ok: 400 },
  'GET /api/auth/tokens': { access: ANY, ok: 200 },
  'POST /api/auth/tokens': { access: ANY, ok: 400 },
  'DELETE /api/auth/tokens/:id': { access: ANY, ok: 404 },
  'GET /api/users': { access: [Admin], ok: 200 },
  'POST /api/users': { access: [Admin], ok: 400 },
  'GET /api/users/:id': { access: [Admin], ok: 404 },
  'PATCH /api/users/:id': { access: [Admin], ok: 400 },
  'DELETE /api/users/:id': { access: [Admin], ok: 404 },
  'GET /api/audit': { access: [Admin], ok: 200 },
  'GET /api/audit/verify': { access: [Admin], ok: 200 },
  'GET /api/queues': { access: [Admin, DataEngineer], ok: 200 },
  // Public at the guard (a scraper's METRICS_TOKEN is no user token); the handler requires an Admin.
  'GET /api/metrics': { access: [Admin], ok: 200 },
  'GET /api/events': { access: ANY, ok: 200, stream: true },
  // Datasets and connections (issue 4): Analysts read; engineers upload, change and connect.
  'GET /api/datasets': { access: ANY, ok: 200 },
  'POST /api/datasets': { access: [Admin, DataEngineer], ok: 400 },
  'GET /api/datasets/:id': { access: ANY, ok: 404 },
  'PATCH /api/datasets/:id': { access: [Admin, DataEngineer], ok: 400 },
  'DELETE /api/datasets/:id': { access: [Admin, DataEngineer], ok: 404 },
  'GET /api/datasets/:id/versions': { access: ANY, ok: 404 },
  'POST /api/datasets/:id/versions': { access: [Admin, DataEngineer], ok: 404 },
  'GET /api/datasets/:id/versions/:v/download': { access: [Admin, DataEngineer], ok: 404 },
  'GET /api/datasets/:id/profile': { access: ANY, ok: 404 },
  'GET /api/datasets/:id/sample': { access: ANY, ok: 404 },
  'GET /api/datasets/:id/recommendations': { access: ANY, ok: 404 },
  'POST /api/datasets/:id/recommendations/:rid/dismiss': { access: [Admin, DataEngineer], ok: 400 },
  'GET /api/connections': { access: [Admin, DataEngineer], ok: 200 },
  'POST /api/connections': { access: [Admin, DataEngineer], ok: 400 },
  'GET /api/connections/:id': { access: [Admin, DataEngineer], ok: 404 },
  'PATCH /api/connections/:id': { access: [Admin, DataEngineer], ok: 400 },
  'DELETE /api/connections/:id': { access: [Admin, DataEngineer], ok: 404 },
  'POST /api/connections/:id/test': { access: [Admin, DataEngineer], ok: 404 },
  // Rules and runs (issue 5): Analysts read, validate and preview; engineers change and run.
  'GET /api/rules': { access: ANY, ok: 200 },
  'POST /api/rules': { access: [Admin, DataEngineer], ok: 400 },
  'POST /api/rules/validate': { access: ANY, ok: 400 },
  'POST /api/rules/preview': { access: ANY, ok: 400 },
  'POST /api/rules/run': { access: [Admin, DataEngineer], ok: 400 },
  'GET /api/rules/:id': { access: ANY, ok: 404 },
  'GET /api/rules/:id/versions': { access: ANY, ok: 404 },
  'PATCH /api/rules/:id': { access: [Admin, DataEngineer], ok: 404 },
  'DELETE /api/rules/:id': { access: [Admin, DataEngineer], ok: 404 },
  'GET /api/runs': { access: ANY, ok: 200 },
  // The probe names no rule: an allowed caller gets the 400 of the ruleIds check.
  'GET /api/runs/latest': { access: ANY, ok: 400 },
  'GET /api/runs/:id': { access: ANY, ok: 404 },
  'GET /api/runs/:id/evidence': { access: ANY, ok: 404 },
  'GET /api/runs/:id/evidence.csv': { access: ANY, ok: 404 },
  // The probe leaves :rid unreplaced, so an allowed caller gets the 400 of its id check.
  'POST /api/datasets/:id/recommendations/:rid/accept': { access: [Admin, DataEngineer], ok: 400 },
  // Incidents, SLA and notification channels (issue 6): Analysts read incidents; channels are Admin-only.
  'GET /api/incidents': { access: ANY, ok: 200 },
  'POST /api/incidents/bulk': { access: [Admin, DataEngineer], ok: 400 },
  'GET /api/incidents/assignees': { access: ANY, ok: 200 },
  'GET /api/incidents/:id': { access: ANY, ok: 404 },
  'GET /api/incidents/:id/timeline': { access: ANY, ok: 404 },
  'PATCH /api/incidents/:id': { access: [Admin, DataEngineer], ok: 400 },
  'POST /api/incidents/:id/comments': { access: [Admin, DataEngineer], ok: 400 },
  'GET /api/settings/sla': { access: ANY, ok: 200 },
  'PUT /api/settings/sla': { access: [Admin], ok: 400 },
  'GET /api/notification-channels': { access: [Admin], ok: 200 },
  'POST /api/notification-channels': { access: [Admin], ok: 400 },
  'GET /api/notification-channels/:id': { access: [Admin], ok: 404 },
  'PATCH /api/notification-channels/:id': { access: [Admin], ok: 404 },
  'DELETE /api/notification-channels/:id': { access: [Admin], ok: 404 },
  'GET /api/notification-channels/:id/deliveries': { access: [Admin], ok: 404 },
  'POST /api/notification-channels/:id/test': { access: [Admin], ok: 404 },
  // Dashboard (issue 7): every role reads. The probe leaves :day unreplaced, so it gets the day check's 400.
  'GET /api/dashboard/stats': { access: ANY, ok: 200 },
  'GET /api/dashboard/trends': { access: ANY, ok: 200 },
  'GET /api/dashboard/days/:day': { access: ANY, ok: 400 },
  'GET /api/dashboard/rule-pass-rates': { access: ANY, ok: 200 },
  'GET /api/dashboard/heatmap': { access: ANY, ok: 200 },
};

type Principal = 'anonymous' | Role | 'revoked token' | 'expired token';
const PRINCIPALS: Principal[] = ['anonymous', Admin, DataEngineer, Analyst, 'revoked token', 'expired token'];

function expected(e: Expectation, p: Principal): number {
  if (e.access === 'public') return e.ok;
  if (p === 'anonymous' || p === 'revoked token' || p === 'expired token') return 401;
  return e.access.includes(p) ? e.ok : 403;
}

/** For streams: keeps JSON error bodies, but stops reading an event stream after its first bytes. */
function hangUpAfterHeaders(req: request.Test): request.Test {
  return req.buffer(false).parse((res, done) => {
    let text = '';
    if (String(res.headers['content-type']).startsWith('text/event-stream')) {
      res.once('data', () => {
        res.destroy();
        done(null, {});
      });
      return;
    }
    res.on('data', (chunk: Buffer) => (text += chunk.toString()));
    res.on('end', () => done(null, text ? JSON.parse(text) : {}));
  });
}

export function uncoveredRoutes(routes: string[]): string[] {
  return routes.filter((r) => !(r in MATRIX));
}

describeEachDb('authorization matrix', (kind) => {
  let t: TestApp;
  const tokens = new Map<Principal, string | null>();

  beforeAll(async () => {
    t = await startTestApp(kind);
    tokens.set('anonymous', null);
    for (const role of ANY) tokens.set(role, (await t.tokenFor(role)).token);
    const revoked = await t.tokenFor(Admin);
    await t.withToken(revoked.token).delete(`/api/auth/tokens/${revoked.tokenId}`).expect(204);
    tokens.set('revoked token', revoked.token);
    const expired = await t.tokenFor(Admin);
    const ds = t.dataSource;
    await ds.query(`UPDATE api_tokens SET expires_at = ${ph(ds, 1)} WHERE id = ${ph(ds, 2)}`, [
      tsValue(ds, new Date(Date.now() - 1000)),
      expired.tokenId,
    ]);
    tokens.set('expired token', expired.token);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('has an expectation for every route the app serves, and no stale ones', () => {
    const routes = discoverRoutes(t.app);
    expect(uncoveredRoutes(routes)).toEqual([]);
    expect(Object.keys(MATRIX).filter((k) => !routes.includes(k))).toEqual([]);
  });

  it('answers every route × principal with the expected status', async () => {
    const failures: string[] = [];
    for (const route of discoverRoutes(t.app)) {
      const [method, path] = route.split(' ');
      for (const p of PRINCIPALS) {
        let req = request(t.server)[method.toLowerCase() as 'get'](path.replace(':id', UUID));
        const token = tokens.get(p);
        if (token) req = req.set('Authorization', `Bearer ${token}`);
        if (method !== 'GET' && method !== 'DELETE') req = req.send({});
        if (MATRIX[route]?.stream) req = hangUpAfterHeaders(req);
        const res = await req;
        const want = expected(MATRIX[route], p);
        if (res.status !== want) failures.push(`${route} as ${p}: ${res.status}, expected ${want}`);
        if (res.status >= 400 && path.startsWith('/api/') && !path.startsWith('/api/docs')) {
          expect(res.body).toMatchObject({
            statusCode: res.status,
            error: expect.any(String),
            message: expect.any(String),
          });
        }
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('deny by default', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('sqlite', { extraModules: [ProbeModule] });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses a route without @Roles/@Public to everyone, Admins included', async () => {
    const { token } = await t.tokenFor(Admin);
    const anon = await t.http().get('/api/test-probe/undeclared');
    const admin = await t.withToken(token).get('/api/test-probe/undeclared');
    for (const r of [anon, admin]) {
      expect(r.status).toBe(403);
      expect(JSON.stringify(r.body)).not.toContain('should never be served');
    }
  });

  it('makes the matrix fail for a route it does not list', () => {
    expect(uncoveredRoutes(discoverRoutes(t.app))).toEqual([
      'GET /api/test-probe/undeclared',
      'POST /api/test-probe/boom',
      'POST /api/test-probe/named',
      'POST /api/test-probe/plain',
    ]);
  });
});
