import {
  CSRF_HEADER,
  Roles,
  type IncidentDetailDto,
  type IncidentDto,
  type IncidentListResponse,
  type NotificationPayload,
  type Severity,
  type SlaSettingsDto,
} from '@dqw/shared-types';
import { randomUUID } from 'node:crypto';
import { vi } from 'vitest';
import { SchedulerService } from '../../src/core/queue';
import { DeliveryService } from '../../src/modules/incidents/notifications/delivery.service';
import { SlaCheckService } from '../../src/modules/incidents/sla/sla-check.service';
import { describeEachDb } from '../support/db-kinds';
import {
  deliverOutcome,
  FAILING_ORDERS_CSV,
  INCIDENT_TEST_ENV,
  liveIncidentOf,
  outcome,
  queueIdle,
  uploadCsv,
  useClock,
  type RuleFacts,
} from '../support/incidents-helpers';
import { WebhookReceiver } from '../support/notifications-receivers';
import { startTestApp, type SessionClient, type TestApp } from '../support/test-app';

const T0 = new Date('2031-09-01T06:00:00.000Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const DEFAULTS = [
  { severity: 'HIGH', ackMinutes: 60, resolveMinutes: 1440 },
  { severity: 'MEDIUM', ackMinutes: 240, resolveMinutes: 4320 },
  { severity: 'LOW', ackMinutes: 1440, resolveMinutes: 10080 },
];

describeEachDb('SLA: policy, breaches recorded and notified once', (kind) => {
  let t: TestApp;
  let admin: SessionClient;
  let eng: SessionClient;
  let analyst: SessionClient;
  let hook: WebhookReceiver;
  let setNow: (d: Date) => void;
  let orders: string;

  beforeAll(async () => {
    hook = await WebhookReceiver.start();
    t = await startTestApp(kind, { env: INCIDENT_TEST_ENV });
    admin = await t.loginAs(Roles.Admin);
    eng = await t.loginAs(Roles.DataEngineer);
    analyst = await t.loginAs(Roles.Analyst);
    orders = (await uploadCsv(eng, FAILING_ORDERS_CSV, { name: `sla-${kind}` })).datasetId;
    setNow = useClock(t, T0);
    await admin
      .post('/api/notification-channels', {
        name: 'breaches',
        type: 'webhook',
        url: hook.url,
        secret: 'b'.repeat(16),
        events: ['breached', 'opened'],
      })
      .expect(201);
  });
  afterAll(async () => {
    await t?.close();
    await hook?.close();
  });
  beforeEach(() => setNow(T0));

  const put = (c: SessionClient, body: object) =>
    c.agent.put('/api/settings/sla').set(CSRF_HEADER, c.csrf).send(body);
  const open = async (severity: Severity = 'HIGH'): Promise<IncidentDto & { rule: RuleFacts }> => {
    const name = `sla rule ${randomUUID().slice(0, 8)}`;
    const body = (
      await eng
        .post('/api/rules', { datasetId: orders, name, dsl: 'NOT_NULL(email)', severity, active: false })
        .expect(201)
    ).body as { id: string; ownerId: string };
    const rule: RuleFacts = { id: body.id, name, datasetId: orders, severity, ownerId: body.ownerId };
    await deliverOutcome(t, outcome(rule, 'failed'));
    return { ...((await liveIncidentOf((u) => eng.get(u), rule.id)) as IncidentDto), rule };
  };
  const detail = async (id: string) =>
    (await eng.get(`/api/incidents/${id}`).expect(200)).body as IncidentDetailDto;
  const check = async (minute: number) => {
    setNow(at(minute));
    const r = await t.app.get(SlaCheckService).run();
    await queueIdle(t);
    return r;
  };
  const sent = (incidentId: string, event: string): NotificationPayload[] =>
    hook.requests
      .map((r) => JSON.parse(r.body) as NotificationPayload)
      .filter((p) => p.incident?.id === incidentId && p.event === event);

  it('reads the default policy (everyone) and lets only Admins change it, with clear errors', async () => {
    const got = (await analyst.get('/api/settings/sla').expect(200)).body as SlaSettingsDto;
    expect(got).toEqual({ policies: DEFAULTS, updatedAt: null, updatedBy: null });

    const policies = [
      { severity: 'LOW', ackMinutes: 600, resolveMinutes: 6000 },
      { severity: 'HIGH', ackMinutes: 15, resolveMinutes: 120 },
      { severity: 'MEDIUM', ackMinutes: 90, resolveMinutes: 900 },
    ];
    await put(eng, { policies }).expect(403);
    const bad = async (body: object) => (await put(admin, body).expect(400)).body.message as string;
    expect(await bad({ policies: policies.slice(0, 2) })).toContain(
      'policies must contain at least 3 elements',
    );
    expect(await bad({ policies: [policies[0], policies[0], policies[1]] })).toBe(
      'policies must list each severity once: LOW, MEDIUM, HIGH',
    );
    expect(await bad({ policies: [{ ...policies[1], resolveMinutes: 10 }, policies[0], policies[2]] })).toBe(
      'HIGH: resolveMinutes (10) must not be shorter than ackMinutes (15)',
    );
    expect(await bad({ policies: [{ ...policies[1], ackMinutes: 0 }, policies[0], policies[2]] })).toContain(
      'ackMinutes must not be less than 1',
    );
    expect(
      await bad({ policies: [{ ...policies[1], ackMinutes: 1.5 }, policies[0], policies[2]] }),
    ).toContain('ackMinutes must be an integer number');
    expect(
      await bad({ policies: [{ ...policies[1], severity: 'URGENT' }, policies[0], policies[2]] }),
    ).toContain('severity must be one of the following values');

    const before = await open('HIGH');
    setNow(at(5));
    const saved = (await put(admin, { policies }).expect(200)).body as SlaSettingsDto;
    expect(saved).toEqual({
      policies: [policies[1], policies[2], policies[0]],
      updatedAt: at(5).toISOString(),
      updatedBy: admin.me.user.id,
    });
    // New incidents get the new policy; open ones keep the due times they were given.
    const after = await open('HIGH');
    expect(after.slaAckDueAt).toBe(at(5 + 15).toISOString());
    expect(after.slaResolveDueAt).toBe(at(5 + 120).toISOString());
    expect((await detail(before.id)).slaAckDueAt).toBe(at(60).toISOString());
    const audit = (await admin.get('/api/audit?action=sla.update').expect(200)).body;
    expect(audit.items[0].changes).toMatchObject({ before: DEFAULTS, after: saved.policies });

    await put(admin, { policies: DEFAULTS }).expect(200);
  });

  it('records each breach once, on the incident, its timeline and the audit log, and notifies it once', async () => {
    const inc = await open('HIGH');
    await check(59);
    expect((await detail(inc.id)).slaBreachedAt).toBeNull();
    await check(61);
    await check(62);
    await check(63);
    let d = await detail(inc.id);
    expect(d).toMatchObject({
      slaAckBreachedAt: at(60).toISOString(),
      slaResolveBreachedAt: null,
      slaBreachedAt: at(60).toISOString(),
    });
    const breaches = () => d.timeline.filter((e) => e.type === 'sla_breached');
    expect(breaches()).toHaveLength(1);
    expect(breaches()[0]).toMatchObject({
      actorType: 'system',
      at: at(61).toISOString(),
      data: { kind: 'ack', dueAt: at(60).toISOString() },
    });
    expect(sent(inc.id, 'incident.breached')).toHaveLength(1);
    expect(sent(inc.id, 'incident.breached')[0]).toMatchObject({
      key: `${inc.id}:breached:2`,
      breach: { kind: 'ack', dueAt: at(60).toISOString() },
      text: `[HIGH] SLA breached: not acknowledged within 1 h: ${inc.title}`,
    });

    // Acknowledging late ends the acknowledgement clock; the resolution deadline still runs.
    await eng.patch(`/api/incidents/${inc.id}`, { status: 'ACKNOWLEDGED' }).expect(200);
    await check(24 * 60 + 1);
    await check(24 * 60 + 2);
    d = await detail(inc.id);
    expect(d).toMatchObject({
      slaResolveBreachedAt: at(24 * 60).toISOString(),
      slaBreachedAt: at(60).toISOString(),
    });
    expect(breaches().map((e) => e.data?.['kind'])).toEqual(['ack', 'resolve']);
    expect(sent(inc.id, 'incident.breached').map((p) => p.breach?.kind)).toEqual(['ack', 'resolve']);
    expect(sent(inc.id, 'incident.breached')[1].text).toBe(
      `[HIGH] SLA breached: not resolved within 1 d: ${inc.title}`,
    );
    const audit = (await admin.get(`/api/audit?action=incident.sla_breach&entityId=${inc.id}`).expect(200))
      .body;
    expect(audit.total).toBe(2);
    expect(audit.items.every((a: { actorType: string }) => a.actorType === 'system')).toBe(true);

    const breached = (await analyst.get(`/api/incidents?ruleId=${inc.rule.id}&breached=true`).expect(200))
      .body as IncidentListResponse;
    expect(breached.items.map((i) => i.id)).toEqual([inc.id]);
  });

  it('runs as the periodic maintenance job the scheduler enqueues each minute', async () => {
    const inc = await open('HIGH');
    setNow(at(90));
    const ids = await t.app.get(SchedulerService).tick(at(90));
    expect(ids).toContain(
      `sla-check:${new Date(Math.floor(at(90).getTime() / 60_000) * 60_000).toISOString()}`,
    );
    await queueIdle(t);
    expect((await detail(inc.id)).slaAckBreachedAt).toBe(at(60).toISOString());
    expect(sent(inc.id, 'incident.breached')).toHaveLength(1);
  });

  it('records a breach that the check had not caught yet when someone acts, without notifying it', async () => {
    const inc = await open('HIGH');
    setNow(at(75));
    await eng.patch(`/api/incidents/${inc.id}`, { status: 'ACKNOWLEDGED' }).expect(200);
    const d = await detail(inc.id);
    expect(d.slaAckBreachedAt).toBe(at(60).toISOString());
    expect(d.timeline.map((e) => e.type)).toEqual(['opened', 'sla_breached', 'acknowledged']);
    await check(80);
    await queueIdle(t);
    expect(sent(inc.id, 'incident.breached')).toHaveLength(0);
  });

  it('counts muting as a response (no acknowledgement breach) and checks nothing while muted', async () => {
    const inc = await open('HIGH');
    setNow(at(30));
    await eng.patch(`/api/incidents/${inc.id}`, { status: 'MUTED' }).expect(200);
    await check(25 * 60);
    let d = await detail(inc.id);
    expect(d).toMatchObject({ status: 'MUTED', slaBreachedAt: null });
    // Unmuted after the resolution deadline: that breach is now due (and notified); acknowledgement isn't.
    setNow(at(25 * 60 + 1));
    await eng.patch(`/api/incidents/${inc.id}`, { status: 'OPEN' }).expect(200);
    await check(25 * 60 + 2);
    d = await detail(inc.id);
    expect(d).toMatchObject({ slaAckBreachedAt: null, slaResolveBreachedAt: at(24 * 60).toISOString() });
    expect(sent(inc.id, 'incident.breached').map((p) => p.breach?.kind)).toEqual(['resolve']);
  });

  it('sends again a notification whose queueing was lost', async () => {
    const deliveries = t.app.get(DeliveryService);
    const spy = vi.spyOn(deliveries, 'enqueue').mockRejectedValueOnce(new Error('queue unavailable'));
    const inc = await open('HIGH');
    await queueIdle(t);
    expect(sent(inc.id, 'incident.opened')).toHaveLength(0);
    spy.mockRestore();
    expect((await check(2)).recoveredDeliveries).toBe(0);
    const r = await check(6);
    expect(r.recoveredDeliveries).toBeGreaterThanOrEqual(1);
    expect(sent(inc.id, 'incident.opened')).toHaveLength(1);
    await check(12);
    expect(sent(inc.id, 'incident.opened')).toHaveLength(1);
  });
});
