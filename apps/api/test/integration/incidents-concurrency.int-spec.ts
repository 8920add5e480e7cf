import {
  Roles,
  type IncidentListResponse,
  type NotificationDeliveryDto,
  type Paged,
} from '@dqw/shared-types';
import { randomUUID } from 'node:crypto';
import { describe } from 'vitest';
import { SlaCheckService } from '../../src/modules/incidents/sla/sla-check.service';
import { dbAvailable } from '../support/db-kinds';
import {
  deliverOutcome,
  finishedRun,
  FAILING_ORDERS_CSV,
  INCIDENT_TEST_ENV,
  outcome,
  queueIdle,
  uploadCsv,
  useClock,
  type RuleFacts,
} from '../support/incidents-helpers';
import { WebhookReceiver } from '../support/notifications-receivers';
import { startTestApp, type SessionClient, type TestApp } from '../support/test-app';

const T0 = new Date('2031-07-01T12:00:00.000Z');

/**
 * Two API processes' worth of app on one PostgreSQL schema: failing runs of the same rule that finish
 * at the same moment in both must still make exactly one live incident, and overlapping SLA checks
 * exactly one breach and one notification.
 */
describe.skipIf(!dbAvailable('postgres'))('incidents across two app instances [postgres]', () => {
  let a: TestApp;
  let b: TestApp;
  let eng: SessionClient;
  let engPassword: string;
  let admin: SessionClient;
  let hook: WebhookReceiver;
  let orders: string;

  beforeAll(async () => {
    hook = await WebhookReceiver.start();
    a = await startTestApp('postgres', { env: INCIDENT_TEST_ENV });
    b = await startTestApp('postgres', {
      env: INCIDENT_TEST_ENV,
      reuse: { dataDir: a.dataDir, schema: a.schema },
    });
    useClock(a, T0);
    useClock(b, T0);
    const { user, password } = await a.createUser({ role: Roles.DataEngineer });
    engPassword = password;
    eng = await a.loginAs({ email: user.email, password });
    admin = await a.loginAs(Roles.Admin);
    orders = (await uploadCsv(eng, FAILING_ORDERS_CSV, { name: 'orders-concurrent' })).datasetId;
  });
  afterAll(async () => {
    await b?.close({ keepData: true });
    await a?.close();
    await hook?.close();
  });

  const newRule = async (): Promise<RuleFacts> => {
    const name = `rule ${randomUUID().slice(0, 8)}`;
    const body = (
      await eng
        .post('/api/rules', {
          datasetId: orders,
          name,
          dsl: 'NOT_NULL(email)',
          severity: 'HIGH',
          active: false,
        })
        .expect(201)
    ).body as { id: string; ownerId: string };
    return { id: body.id, name, datasetId: orders, severity: 'HIGH', ownerId: body.ownerId };
  };

  it('keeps one live incident per rule when failing runs finish together in two instances', async () => {
    const rounds = 8;
    for (let i = 0; i < rounds; i++) {
      const rule = await newRule();
      const same = new Date(T0.getTime() + i * 1000);
      const effects = await Promise.all([
        deliverOutcome(a, outcome(rule, 'failed', { finishedAt: same })),
        deliverOutcome(b, outcome(rule, 'failed', { finishedAt: same })),
        deliverOutcome(a, outcome(rule, 'failed', { finishedAt: same })),
        deliverOutcome(b, outcome(rule, 'failed', { finishedAt: same })),
      ]);
      expect(effects.filter((e) => e === 'opened')).toHaveLength(1);
      expect(effects.filter((e) => e === 'attached')).toHaveLength(3);
      const list = (await eng.get(`/api/incidents?ruleId=${rule.id}`).expect(200))
        .body as IncidentListResponse;
      expect(list.total).toBe(1);
      expect(list.items[0]).toMatchObject({ status: 'OPEN', occurrences: 4 });
    }
  });

  it('keeps one live incident when real runs of the rule are requested from both instances at once', async () => {
    const engB = await b.loginAs({ email: eng.me.user.email, password: engPassword });
    const rule = await newRule();
    for (let round = 1; round <= 3; round++) {
      const [ra, rb] = await Promise.all([
        eng.post('/api/rules/run', { ruleIds: [rule.id] }).expect(202),
        engB.post('/api/rules/run', { ruleIds: [rule.id] }).expect(202),
      ]);
      const ids = [ra.body.runs[0].id, rb.body.runs[0].id] as string[];
      expect(new Set(ids).size).toBe(2);
      await Promise.all([finishedRun(eng, ids[0]), finishedRun(engB, ids[1])]);
      await Promise.all([queueIdle(a), queueIdle(b)]);
      const list = (await eng.get(`/api/incidents?ruleId=${rule.id}`).expect(200))
        .body as IncidentListResponse;
      expect(list.total).toBe(1);
      expect(list.items[0]).toMatchObject({ status: 'OPEN', occurrences: 2 * round });
    }
  });

  it('is enforced by the database itself: a second live incident of a rule cannot be inserted', async () => {
    const rule = await newRule();
    await deliverOutcome(a, outcome(rule, 'failed'));
    const ds = a.dataSource;
    const insert = (id: string, status: string) =>
      ds.query(
        `INSERT INTO incidents (id, rule_id, dataset_id, rule_name, severity, severity_rank, status, title, occurrences,
           opened_at, last_occurrence_at, updated_at) VALUES ($1, $2, $3, 'r', 'HIGH', 3, $4, 't', 1, now(), now(), now())`,
        [id, rule.id, orders, status],
      );
    for (const status of ['OPEN', 'ACKNOWLEDGED', 'MUTED']) {
      await expect(insert(randomUUID(), status)).rejects.toMatchObject({ driverError: { code: '23505' } });
    }
    // Resolved incidents of the rule may be many.
    await insert(randomUUID(), 'RESOLVED');
    await insert(randomUUID(), 'RESOLVED');
  });

  it('records and notifies an SLA breach once when checks overlap in both instances', async () => {
    await admin
      .post('/api/notification-channels', {
        name: 'breaches',
        type: 'webhook',
        url: hook.url,
        secret: 'x'.repeat(16),
        events: ['breached'],
      })
      .expect(201);
    const rule = await newRule();
    await deliverOutcome(a, outcome(rule, 'failed'));
    const later = new Date(T0.getTime() + 61 * 60_000);
    const unbreached = async () =>
      ((await eng.get('/api/incidents?status=OPEN&breached=false').expect(200)).body as IncidentListResponse)
        .total;
    // The earlier tests' incidents are past due too: every one of them must be breached exactly once.
    const due = await unbreached();
    expect(due).toBeGreaterThanOrEqual(1);
    const results = await Promise.all([
      a.app.get(SlaCheckService).run(later),
      b.app.get(SlaCheckService).run(later),
      a.app.get(SlaCheckService).run(later),
      b.app.get(SlaCheckService).run(later),
    ]);
    expect(results.reduce((n, r) => n + r.ackBreaches, 0)).toBe(due);
    expect(await unbreached()).toBe(0);
    await queueIdle(a);
    await queueIdle(b);
    const inc = ((await eng.get(`/api/incidents?ruleId=${rule.id}`).expect(200)).body as IncidentListResponse)
      .items[0];
    expect(inc.slaBreachedAt).toBe(new Date(T0.getTime() + 60 * 60_000).toISOString());
    const breaches = hook.requests.filter((r) => JSON.parse(r.body).incident?.id === inc.id);
    expect(breaches).toHaveLength(1);
    const channels = (await admin.get('/api/notification-channels').expect(200)).body.items as {
      id: string;
    }[];
    const log = (await admin.get(`/api/notification-channels/${channels[0].id}/deliveries`).expect(200))
      .body as Paged<NotificationDeliveryDto>;
    expect(log.items.filter((d) => d.incidentId === inc.id)).toHaveLength(1);
  });
});
