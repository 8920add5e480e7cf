import {
  INCIDENT_STATUSES,
  INCIDENT_TRANSITIONS,
  Roles,
  type BulkIncidentResponse,
  type IncidentAssigneeDto,
  type IncidentDetailDto,
  type IncidentDto,
  type IncidentListResponse,
  type IncidentStatus,
  type NotificationPayload,
  type RunRulesResponse,
  type ServerEvent,
  type Severity,
} from '@dqw/shared-types';
import { randomUUID } from 'node:crypto';
import { EventBus } from '../../src/core/events';
import { SlaCheckService } from '../../src/modules/incidents/sla/sla-check.service';
import { describeEachDb } from '../support/db-kinds';
import {
  deliverOutcome,
  FAILING_ORDERS_CSV,
  finishedRun,
  INCIDENT_TEST_ENV,
  liveIncidentOf,
  outcome,
  PASSING_ORDERS_CSV,
  queueIdle,
  uploadCsv,
  useClock,
  type RuleFacts,
} from '../support/incidents-helpers';
import { WebhookReceiver } from '../support/notifications-receivers';
import { startTestApp, type SessionClient, type TestApp } from '../support/test-app';

const T0 = new Date('2031-03-02T10:00:00.000Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

describeEachDb('incidents: runs, workflow, triage', (kind) => {
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
    orders = (await uploadCsv(eng, FAILING_ORDERS_CSV, { name: `orders-${kind}` })).datasetId;
    setNow = useClock(t, T0);
    await admin
      .post('/api/notification-channels', {
        name: 'all events',
        type: 'webhook',
        url: hook.url,
        secret: 's'.repeat(16),
      })
      .expect(201);
  });
  afterAll(async () => {
    await t?.close();
    await hook?.close();
  });
  beforeEach(() => setNow(T0));

  /** A real rule (created through the API by the engineer, so the engineer owns it). */
  const newRule = async (severity: Severity = 'MEDIUM', datasetId = orders): Promise<RuleFacts> => {
    const name = `NOT_NULL(email) ${randomUUID().slice(0, 8)}`;
    // Inactive: a new version's upload runs leave it alone; runs on demand still run it.
    const rule = { datasetId, name, dsl: 'NOT_NULL(email)', severity, active: false };
    const body = (await eng.post('/api/rules', rule).expect(201)).body as { id: string; ownerId: string };
    return { id: body.id, name, datasetId, severity, ownerId: body.ownerId };
  };
  const detail = async (id: string) =>
    (await eng.get(`/api/incidents/${id}`).expect(200)).body as IncidentDetailDto;
  /** Opens an incident for a fresh rule (a failing run handed to the hook) and returns it. */
  const openIncident = async (severity: Severity = 'MEDIUM'): Promise<IncidentDto & { rule: RuleFacts }> => {
    const rule = await newRule(severity);
    expect(await deliverOutcome(t, outcome(rule, 'failed'))).toBe('opened');
    return { ...((await liveIncidentOf((u) => eng.get(u), rule.id)) as IncidentDto), rule };
  };
  const patch = (id: string, body: object, who: SessionClient = eng) =>
    who.patch(`/api/incidents/${id}`, body);
  const bodyFor = (to: IncidentStatus): object =>
    to === 'RESOLVED'
      ? { status: to, resolutionReason: 'false_positive', note: 'Known test data' }
      : to === 'MUTED'
        ? { status: to, mutedUntil: at(60).toISOString() }
        : { status: to };
  const reach = async (id: string, state: IncidentStatus): Promise<void> => {
    if (state !== 'OPEN') await patch(id, bodyFor(state)).expect(200);
  };
  const notifications = async (incidentId: string): Promise<NotificationPayload[]> => {
    await queueIdle(t);
    return hook.requests
      .map((r) => JSON.parse(r.body) as NotificationPayload)
      .filter((p) => p.incident?.id === incidentId);
  };

  it('opens one incident for a failing run, attaches later failures, and resolves it as the system when the rule passes', async () => {
    const ds = (await uploadCsv(eng, FAILING_ORDERS_CSV, { name: `shop-${kind}` })).datasetId;
    const rule = await newRule('HIGH', ds);
    const run = async (): Promise<string> => {
      const res = (await eng.post('/api/rules/run', { ruleIds: [rule.id] }).expect(202))
        .body as RunRulesResponse;
      await finishedRun(eng, res.runs[0].id);
      await queueIdle(t);
      return res.runs[0].id;
    };

    const events: ServerEvent[] = [];
    const off = t.app.get(EventBus).subscribe((e) => events.push(e));
    const run1 = await run();
    const list = (await analyst.get(`/api/incidents?ruleId=${rule.id}`).expect(200))
      .body as IncidentListResponse;
    expect(list.total).toBe(1);
    const inc = list.items[0];
    expect(inc).toMatchObject({
      ruleId: rule.id,
      datasetId: ds,
      severity: 'HIGH',
      status: 'OPEN',
      title: `${rule.name} is failing`,
      occurrences: 1,
      assigneeId: eng.me.user.id,
      openedAt: T0.toISOString(),
      acknowledgedAt: null,
      resolvedAt: null,
      mutedUntil: null,
      slaAckDueAt: at(60).toISOString(),
      slaResolveDueAt: at(24 * 60).toISOString(),
      slaBreachedAt: null,
      firstRunId: run1,
      lastRunId: run1,
      lastEvidenceRunId: run1,
      flapping: false,
    });
    // The evidence of the latest failure is the run's failing rows.
    const evidence = (await analyst.get(`/api/runs/${inc.lastEvidenceRunId}/evidence`).expect(200)).body;
    expect(evidence).toMatchObject({ failedCount: 1, rows: [{ rowNumber: 2 }] });
    let d = await detail(inc.id);
    expect(d.timeline.map((e) => [e.type, e.actorType, e.runId])).toEqual([['opened', 'system', run1]]);

    setNow(at(5));
    const run2 = await run();
    const again = (await liveIncidentOf((u) => eng.get(u), rule.id)) as IncidentDto;
    expect(again).toMatchObject({ id: inc.id, occurrences: 2, lastRunId: run2, firstRunId: run1 });
    expect(again.lastOccurrenceAt).toBe(at(5).toISOString());

    await uploadCsv(eng, PASSING_ORDERS_CSV, { datasetId: ds });
    setNow(at(10));
    const run3 = await run();
    d = await detail(inc.id);
    expect(d).toMatchObject({
      status: 'RESOLVED',
      resolvedAt: at(10).toISOString(),
      resolvedBy: null,
      resolutionReason: 'fixed',
      resolutionNote: `Resolved automatically: run ${run3} passed.`,
      occurrences: 2,
      allowedTransitions: [],
    });
    expect(d.timeline.map((e) => [e.type, e.actorType, e.actorLabel])).toEqual([
      ['opened', 'system', 'system'],
      ['occurrence', 'system', 'system'],
      ['resolved', 'system', 'system'],
    ]);
    // Live updates for the triage view: the opening, each occurrence, the resolution.
    off();
    expect(
      events
        .filter((e) => e.type === 'incident.updated' && e.data['id'] === inc.id)
        .map((e) => e.data['status']),
    ).toEqual(['OPEN', 'OPEN', 'RESOLVED']);
    // Notified on opening and on resolution — never once per failing run.
    expect((await notifications(inc.id)).map((p) => p.event)).toEqual([
      'incident.opened',
      'incident.resolved',
    ]);

    // The next failure is a new incident.
    // New bytes (identical ones would not make a new version).
    await uploadCsv(eng, `${FAILING_ORDERS_CSV}4,d@x.com,40\n`, { datasetId: ds });
    const run4 = await run();
    const next = (await liveIncidentOf((u) => eng.get(u), rule.id)) as IncidentDto;
    expect(next.id).not.toBe(inc.id);
    expect(next).toMatchObject({ status: 'OPEN', occurrences: 1, firstRunId: run4 });
  });

  it('changes nothing for an ERROR run, applies a duplicated outcome once, and never lets a late one reopen', async () => {
    const rule = await newRule();
    const first = outcome(rule, 'failed');
    expect(await deliverOutcome(t, first)).toBe('opened');
    expect(await deliverOutcome(t, first)).toBe('duplicate');
    const before = (await liveIncidentOf((u) => eng.get(u), rule.id)) as IncidentDto;
    expect(before.occurrences).toBe(1);
    expect(await deliverOutcome(t, outcome(rule, 'error'))).toBe('none');
    expect(await liveIncidentOf((u) => eng.get(u), rule.id)).toEqual(before);

    // A failure that finished earlier but arrives later (a slower worker) still counts, without
    // becoming the incident's latest run.
    const ms = (o: typeof first) => new Date(o.run.finishedAt as string).getTime();
    const late = outcome(rule, 'failed', { finishedAt: new Date(ms(first) - 60_000) });
    expect(await deliverOutcome(t, late)).toBe('attached');
    const after = (await liveIncidentOf((u) => eng.get(u), rule.id)) as IncidentDto;
    expect(after).toMatchObject({ id: before.id, occurrences: 2, lastRunId: first.run.id });
    // Once a newer run passed, an older failure arriving late is history: it reopens nothing.
    const pass = outcome(rule, 'passed', { finishedAt: new Date(ms(first) + 60_000) });
    expect(await deliverOutcome(t, pass)).toBe('resolved');
    const older = outcome(rule, 'failed', { finishedAt: new Date(ms(first) + 30_000) });
    expect(await deliverOutcome(t, older)).toBe('stale');
    expect(await liveIncidentOf((u) => eng.get(u), rule.id)).toBeUndefined();
    expect((await detail(before.id)).timeline.map((e) => e.type)).toEqual([
      'opened',
      'occurrence',
      'resolved',
    ]);

    // A deleted rule's failures open nothing.
    const gone = await newRule();
    expect(await deliverOutcome(t, outcome(gone, 'failed', { deleted: true }))).toBe('none');
    expect(await liveIncidentOf((u) => eng.get(u), gone.id)).toBeUndefined();
  });

  describe('transitions', () => {
    const pairs = INCIDENT_STATUSES.flatMap((from) => INCIDENT_STATUSES.map((to) => [from, to] as const));

    it.each(pairs)('%s → %s', async (from, to) => {
      const inc = await openIncident();
      await reach(inc.id, from);
      setNow(at(1));
      const res = await patch(inc.id, bodyFor(to));
      const legal = INCIDENT_TRANSITIONS[from].includes(to) || (from === 'MUTED' && to === 'MUTED');
      if (!legal) {
        expect(res.status).toBe(409);
        expect(res.body).toMatchObject({
          statusCode: 409,
          error: 'Conflict',
          details: { from, to, allowed: [...INCIDENT_TRANSITIONS[from]] },
        });
        expect(res.body.message).toContain(`allowed from ${from}: `);
        expect((await detail(inc.id)).status).toBe(from);
        return;
      }
      expect(res.status).toBe(200);
      expect(res.body.status).toBe(to);
      const d = await detail(inc.id);
      const last = d.timeline[d.timeline.length - 1];
      const type = { OPEN: 'unmuted', ACKNOWLEDGED: 'acknowledged', MUTED: 'muted', RESOLVED: 'resolved' }[
        to
      ];
      expect(last).toMatchObject({
        type,
        actorType: 'user',
        actorId: eng.me.user.id,
        fromStatus: from,
        toStatus: to,
        at: at(1).toISOString(),
      });
      if (to === 'ACKNOWLEDGED')
        expect(d).toMatchObject({ acknowledgedAt: at(1).toISOString(), acknowledgedBy: eng.me.user.id });
      if (to === 'MUTED')
        expect(d).toMatchObject({ mutedUntil: at(60).toISOString(), mutedBy: eng.me.user.id });
      if (to === 'OPEN') expect(d.mutedUntil).toBeNull();
      if (to === 'RESOLVED') {
        expect(d).toMatchObject({
          resolvedBy: eng.me.user.id,
          resolutionReason: 'false_positive',
          resolutionNote: 'Known test data',
        });
      }
    });

    it('names the allowed transitions in the detail, for engineers only', async () => {
      const inc = await openIncident();
      expect((await detail(inc.id)).allowedTransitions).toEqual(['ACKNOWLEDGED', 'MUTED', 'RESOLVED']);
      const asAnalyst = (await analyst.get(`/api/incidents/${inc.id}`).expect(200)).body as IncidentDetailDto;
      expect(asAnalyst.allowedTransitions).toEqual([]);
      await reach(inc.id, 'MUTED');
      expect((await detail(inc.id)).allowedTransitions).toEqual(['OPEN', 'MUTED']);
    });
  });

  it('refuses bad input with a clear error and changes nothing', async () => {
    const inc = await openIncident();
    await reach(inc.id, 'RESOLVED');
    const r1 = await patch(inc.id, { status: 'ACKNOWLEDGED' }).expect(409);
    expect(r1.body.message).toBe(
      'Cannot change an incident from RESOLVED to ACKNOWLEDGED; allowed from RESOLVED: none (a resolved incident is final)',
    );

    const open = await openIncident();
    setNow(at(30));
    const past = await patch(open.id, { status: 'MUTED', mutedUntil: at(29).toISOString() }).expect(400);
    expect(past.body.message).toBe(`mutedUntil must be in the future (now is ${at(30).toISOString()})`);
    await patch(open.id, { status: 'MUTED', mutedUntil: '2031-13-45T00:00:00Z' }).expect(400);
    expect((await detail(open.id)).status).toBe('OPEN');

    const { user: analystUser } = await t.createUser({ role: Roles.Analyst });
    const { user: inactive } = await t.createUser({ role: Roles.DataEngineer, active: false });
    const { user: engineer } = await t.createUser({
      role: Roles.DataEngineer,
      displayName: 'Second Engineer',
    });
    expect((await patch(open.id, { assigneeId: analystUser.id }).expect(400)).body.message).toBe(
      `assigneeId: ${analystUser.email} is an Analyst (read-only); assign an Admin or DataEngineer`,
    );
    expect((await patch(open.id, { assigneeId: inactive.id }).expect(400)).body.message).toBe(
      `assigneeId: ${inactive.email} is deactivated`,
    );
    // The assignee picker lists exactly the people who may be assigned.
    const picker = (await analyst.get('/api/incidents/assignees').expect(200)).body as IncidentAssigneeDto[];
    const pickerIds = picker.map((u) => u.id);
    expect(pickerIds).toContain(engineer.id);
    expect(pickerIds).toContain(eng.me.user.id);
    expect(pickerIds).not.toContain(analystUser.id);
    expect(pickerIds).not.toContain(inactive.id);
    expect(picker.find((u) => u.id === engineer.id)).toEqual({
      id: engineer.id,
      displayName: 'Second Engineer',
      role: 'DataEngineer',
    });
    const ghost = randomUUID();
    expect((await patch(open.id, { assigneeId: ghost }).expect(400)).body.message).toBe(
      `assigneeId: no user ${ghost}`,
    );
    expect((await detail(open.id)).assigneeId).toBe(eng.me.user.id);
    await patch(open.id, { assigneeId: engineer.id, note: 'Yours now' }).expect(200);
    const assigned = (await detail(open.id)).timeline.at(-1);
    expect(assigned).toMatchObject({
      type: 'assigned',
      body: 'Yours now',
      data: { from: eng.me.user.id, to: engineer.id },
    });

    // Comments: 1 MB is over the body limit; the field allows 10,000 characters.
    const huge = await eng.post(`/api/incidents/${open.id}/comments`, { body: 'x'.repeat(1024 * 1024) });
    expect(huge.status).toBe(413);
    expect(huge.body).toMatchObject({
      statusCode: 413,
      error: expect.any(String),
      message: expect.any(String),
    });
    const long = await eng
      .post(`/api/incidents/${open.id}/comments`, { body: 'x'.repeat(10_001) })
      .expect(400);
    expect(long.body.message).toContain('body must be shorter than or equal to 10000 characters');
    await eng.post(`/api/incidents/${open.id}/comments`, { body: '   ' }).expect(400);
    const ok = await eng
      .post(`/api/incidents/${open.id}/comments`, { body: 'Looking at the loader' })
      .expect(201);
    expect(ok.body).toMatchObject({
      type: 'comment',
      body: 'Looking at the loader',
      actorId: eng.me.user.id,
    });

    // Field combinations that make no sense.
    const msg = async (body: object) => (await patch(open.id, body).expect(400)).body.message as string;
    expect(await msg({ status: 'RESOLVED', note: 'done' })).toContain('Resolving needs resolutionReason');
    expect(await msg({ status: 'RESOLVED', resolutionReason: 'fixed' })).toBe(
      'Resolving needs a note saying what was done',
    );
    expect(await msg({ status: 'RESOLVED', resolutionReason: 'because', note: 'x' })).toContain(
      'resolutionReason',
    );
    expect(await msg({ status: 'ACKNOWLEDGED', mutedUntil: at(90).toISOString() })).toBe(
      'mutedUntil goes with status MUTED',
    );
    expect(await msg({ note: 'just a note' })).toContain('post remarks to /api/incidents/{id}/comments');
    expect(await msg({})).toBe('Nothing to change: give status and/or assigneeId');
    expect(await msg({ status: 'CLOSED' })).toContain('status must be one of the following values');
    await eng.get(`/api/incidents/${randomUUID()}`).expect(404);
    await patch(randomUUID(), { status: 'ACKNOWLEDGED' }).expect(404);

    // Analysts read only.
    await analyst.get(`/api/incidents/${open.id}/timeline`).expect(200);
    await patch(open.id, { status: 'ACKNOWLEDGED' }, analyst).expect(403);
    await analyst.post(`/api/incidents/${open.id}/comments`, { body: 'hi' }).expect(403);
    await analyst.post('/api/incidents/bulk', { ids: [open.id], action: 'acknowledge' }).expect(403);
    expect((await detail(open.id)).status).toBe('OPEN');
  });

  it('records who did what in the timeline and the audit log', async () => {
    const inc = await openIncident();
    setNow(at(2));
    await patch(inc.id, { status: 'ACKNOWLEDGED', note: 'On it' }).expect(200);
    const audit = (await admin.get(`/api/audit?entityType=incident&entityId=${inc.id}`).expect(200)).body;
    expect(audit.items.map((a: { action: string; actorType: string }) => [a.action, a.actorType])).toEqual([
      ['incident.acknowledge', 'user'],
      ['incident.open', 'system'],
    ]);
    expect(audit.items[0].changes).toMatchObject({
      before: { status: 'OPEN', acknowledgedAt: null },
      after: { status: 'ACKNOWLEDGED', acknowledgedAt: at(2).toISOString() },
    });
    const tl = (await analyst.get(`/api/incidents/${inc.id}/timeline?pageSize=1&page=2`).expect(200)).body;
    expect(tl).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(tl.items[0]).toMatchObject({
      type: 'acknowledged',
      body: 'On it',
      actorLabel: eng.me.user.displayName,
    });
  });

  it('lists with filters, sorting, paging and counts by status and severity', async () => {
    const ds = (await uploadCsv(eng, FAILING_ORDERS_CSV, { name: `triage-${kind}` })).datasetId;
    const make = async (severity: Severity, state: IncidentStatus, minute: number): Promise<string> => {
      setNow(at(minute));
      const rule = await newRule(severity, ds);
      await deliverOutcome(t, outcome(rule, 'failed'));
      const inc = (await liveIncidentOf((u) => eng.get(u), rule.id)) as IncidentDto;
      await reach(inc.id, state);
      return inc.id;
    };
    const a = await make('HIGH', 'OPEN', 0);
    const b = await make('LOW', 'ACKNOWLEDGED', 1);
    const c = await make('MEDIUM', 'RESOLVED', 2);
    const d = await make('HIGH', 'MUTED', 3);
    const e = await make('MEDIUM', 'OPEN', 4);
    const { user: other } = await t.createUser({ role: Roles.DataEngineer });
    await patch(e, { assigneeId: null }).expect(200);
    await patch(b, { assigneeId: other.id }).expect(200);

    const q = async (query: string) =>
      (await analyst.get(`/api/incidents?datasetId=${ds}&${query}`).expect(200)).body as IncidentListResponse;
    const ids = (r: IncidentListResponse) => r.items.map((i) => i.id);

    const all = await q('');
    expect(ids(all)).toEqual([e, d, c, b, a]);
    expect(all.counts).toEqual({
      status: { OPEN: 2, ACKNOWLEDGED: 1, RESOLVED: 1, MUTED: 1 },
      severity: { LOW: 1, MEDIUM: 2, HIGH: 2 },
    });
    const live = await q('status=OPEN,ACKNOWLEDGED');
    expect(ids(live)).toEqual([e, b, a]);
    // Counts ignore the status and severity filters, so the chips show what each choice would give.
    expect(live.counts).toEqual(all.counts);
    expect(ids(await q('severity=HIGH'))).toEqual([d, a]);
    expect(ids(await q('status=OPEN&severity=MEDIUM'))).toEqual([e]);
    expect(ids(await q('assigneeId=none'))).toEqual([e]);
    expect(ids(await q(`assigneeId=${other.id}`))).toEqual([b]);
    const mine = (await eng.get(`/api/incidents?datasetId=${ds}&assigneeId=me`).expect(200))
      .body as IncidentListResponse;
    expect(ids(mine)).toEqual([d, c, a]);
    expect(ids(await q(`from=${at(1).toISOString()}&to=${at(3).toISOString()}`))).toEqual([c, b]);
    expect(ids(await q('sort=severity'))).toEqual([b, e, c, d, a]);
    expect(ids(await q('sort=-severity'))).toEqual([d, a, e, c, b]);
    expect(ids(await q('sort=openedAt'))).toEqual([a, b, c, d, e]);
    // The next SLA deadline first; muted and resolved incidents (no deadline) last.
    expect(ids(await q('sort=slaDueAt')).slice(0, 3)).toEqual([a, e, b]);
    const page2 = await q('pageSize=2&page=2');
    expect(page2).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(ids(page2)).toEqual([c, b]);
    expect(ids(await q('breached=true'))).toEqual([]);
    expect(ids(await q('breached=false'))).toHaveLength(5);
    expect(ids(await q('flapping=false'))).toHaveLength(5);
    expect((await q('q=NOT_NULL')).total).toBe(5);
    expect((await q('q=zzz')).total).toBe(0);

    for (const bad of [
      'status=CLOSED',
      'severity=URGENT',
      'sort=name',
      'breached=maybe',
      'from=yesterday',
      'pageSize=500',
      'assigneeId=bob',
    ]) {
      const res = await analyst.get(`/api/incidents?${bad}`);
      expect(res.status, bad).toBe(400);
    }
    await analyst.get(`/api/incidents?from=${at(5).toISOString()}&to=${at(1).toISOString()}`).expect(400);
  });

  it('acknowledges in bulk, each incident on its own', async () => {
    const a = await openIncident();
    const b = await openIncident();
    const c = await openIncident();
    await reach(c.id, 'RESOLVED');
    const missing = randomUUID();
    const res = (
      await eng
        .post('/api/incidents/bulk', { ids: [a.id, b.id, c.id, missing], action: 'acknowledge' })
        .expect(200)
    ).body as BulkIncidentResponse;
    expect(res).toMatchObject({ succeeded: 2, failed: 2 });
    expect(res.results.map((r) => [r.id, r.ok, r.statusCode])).toEqual([
      [a.id, true, 200],
      [b.id, true, 200],
      [c.id, false, 409],
      [missing, false, 404],
    ]);
    expect(res.results[2].error).toContain('allowed from RESOLVED: none');
    expect(res.results[0].incident?.status).toBe('ACKNOWLEDGED');
    expect((await detail(b.id)).status).toBe('ACKNOWLEDGED');

    // A request that can't apply to anything is refused as a whole.
    await eng.post('/api/incidents/bulk', { ids: [a.id], action: 'resolve' }).expect(400);
    await eng.post('/api/incidents/bulk', { ids: [a.id], action: 'assign' }).expect(400);
    await eng.post('/api/incidents/bulk', { ids: [], action: 'acknowledge' }).expect(400);
    await eng.post('/api/incidents/bulk', { ids: [a.id, a.id], action: 'acknowledge' }).expect(400);
    await eng.post('/api/incidents/bulk', { ids: ['nope'], action: 'acknowledge' }).expect(400);
    const resolved = (
      await eng
        .post('/api/incidents/bulk', {
          ids: [a.id, b.id],
          action: 'resolve',
          resolutionReason: 'duplicate',
          note: 'Same as #12',
        })
        .expect(200)
    ).body as BulkIncidentResponse;
    expect(resolved.succeeded).toBe(2);
  });

  it('mutes, unmutes and ends an expired mute on the injected clock', async () => {
    const inc = await openIncident('HIGH');
    await patch(inc.id, {
      status: 'MUTED',
      mutedUntil: at(60).toISOString(),
      note: 'Vendor fix tonight',
    }).expect(200);
    // Failures while muted are counted silently.
    setNow(at(10));
    expect(await deliverOutcome(t, outcome(inc.rule, 'failed'))).toBe('attached-muted');
    let d = await detail(inc.id);
    expect(d).toMatchObject({ status: 'MUTED', occurrences: 2 });
    expect(d.timeline.at(-1)).toMatchObject({ type: 'occurrence', data: { occurrences: 2, silent: true } });
    await patch(inc.id, { status: 'OPEN' }).expect(200);
    expect((await detail(inc.id)).timeline.at(-1)).toMatchObject({ type: 'unmuted', actorType: 'user' });

    await patch(inc.id, { status: 'MUTED', mutedUntil: at(60).toISOString() }).expect(200);
    const check = async (minute: number) => {
      setNow(at(minute));
      return t.app.get(SlaCheckService).run();
    };
    await check(59);
    expect((await detail(inc.id)).status).toBe('MUTED');
    // Other tests' mutes may expire at the same minute, so count this incident's own events.
    await check(61);
    await check(62);
    d = await detail(inc.id);
    expect(d).toMatchObject({ status: 'OPEN', mutedUntil: null });
    expect(d.timeline.filter((e) => e.type === 'reopened')).toHaveLength(1);
    // Muting answered the acknowledgement SLA: reopening doesn't breach it.
    expect(d.slaBreachedAt).toBeNull();
    expect(d.timeline.at(-1)).toMatchObject({
      type: 'reopened',
      actorType: 'system',
      fromStatus: 'MUTED',
      toStatus: 'OPEN',
      body: 'Mute expired; the rule still fails.',
    });
    const sent = (await notifications(inc.id)).map((p) => p.event);
    expect(sent.filter((e) => e === 'incident.reopened')).toHaveLength(1);

    // Muted while the rule started passing: the expiry resolves it instead.
    const other = await openIncident();
    setNow(at(0));
    await patch(other.id, { status: 'MUTED', mutedUntil: at(30).toISOString() }).expect(200);
    const pass = outcome(other.rule, 'passed');
    expect(await deliverOutcome(t, pass)).toBe('kept-muted');
    await check(31);
    expect(await detail(other.id)).toMatchObject({
      status: 'RESOLVED',
      resolvedBy: null,
      resolutionNote: `Mute expired and the rule passes (run ${pass.run.id}).`,
    });

    // A mute without an end lasts until someone unmutes.
    const forever = await openIncident();
    await patch(forever.id, { status: 'MUTED' }).expect(200);
    await check(10 * 365 * 24 * 60);
    expect((await detail(forever.id)).status).toBe('MUTED');
  });

  it('marks a rule that flips between pass and fail as flapping: its incident stays open and notifications say so', async () => {
    const rule = await newRule('HIGH');
    const seq: string[] = [];
    for (const s of ['failed', 'passed', 'failed', 'passed'] as const)
      seq.push(await deliverOutcome(t, outcome(rule, s)));
    expect(seq).toEqual(['opened', 'resolved', 'opened', 'kept-open-flapping']);
    const inc = (await liveIncidentOf((u) => eng.get(u), rule.id)) as IncidentDto;
    expect(inc).toMatchObject({ status: 'OPEN', flapping: true });
    expect((await detail(inc.id)).timeline.map((e) => e.type)).toEqual(['opened', 'flapping']);
    expect(await deliverOutcome(t, outcome(rule, 'failed'))).toBe('attached');
    expect(await deliverOutcome(t, outcome(rule, 'passed'))).toBe('kept-open-flapping');
    expect((await liveIncidentOf((u) => eng.get(u), rule.id))?.id).toBe(inc.id);
    // The incident that stayed open got no resolution notice.
    expect((await notifications(inc.id)).map((p) => p.event)).toEqual(['incident.opened']);

    // A person closes it; the next failure opens an incident that is flapping from the start, and says so.
    await patch(inc.id, {
      status: 'RESOLVED',
      resolutionReason: 'expected_change',
      note: 'Loader retried',
    }).expect(200);
    expect(await deliverOutcome(t, outcome(rule, 'failed'))).toBe('opened');
    const next = (await liveIncidentOf((u) => eng.get(u), rule.id)) as IncidentDto;
    const [opened] = await notifications(next.id);
    expect(opened).toMatchObject({ event: 'incident.opened', flapping: true });
    expect(opened.text).toBe(
      `[HIGH] Incident opened: ${rule.name} is failing — flapping: the rule keeps switching between pass and fail, so the incident stays open`,
    );

    // Once the last 10 runs settle (fewer than 3 changes), a passing run resolves it again.
    const effects: string[] = [];
    for (let i = 0; i < 10 && effects.at(-1) !== 'resolved'; i++)
      effects.push(await deliverOutcome(t, outcome(rule, 'passed')));
    // History F P F P F P F, then passes: the last 10 runs drop below 3 changes at the 8th pass.
    expect(effects).toEqual([...Array(7).fill('kept-open-flapping'), 'resolved']);
    expect((await detail(next.id)).timeline.map((e) => e.type)).toEqual([
      'opened',
      'flapping',
      'flapping',
      'resolved',
    ]);
  });

  it('raises the severity (and tightens the SLA) when a later failure comes from a more severe rule', async () => {
    const inc = await openIncident('LOW');
    expect(inc.slaAckDueAt).toBe(at(24 * 60).toISOString());
    setNow(at(20));
    await eng.patch(`/api/rules/${inc.rule.id}`, { severity: 'HIGH' }).expect(200);
    expect(await deliverOutcome(t, outcome({ ...inc.rule, severity: 'HIGH' }, 'failed'))).toBe('attached');
    const d = await detail(inc.id);
    expect(d).toMatchObject({
      severity: 'HIGH',
      slaAckDueAt: at(60).toISOString(),
      slaResolveDueAt: at(24 * 60).toISOString(),
    });
    expect(d.timeline.map((e) => e.type)).toEqual(['opened', 'occurrence', 'severity_raised']);
    const raised = (await notifications(inc.id)).find((p) => p.event === 'incident.severity_raised');
    expect(raised).toMatchObject({ previousSeverity: 'LOW', incident: { severity: 'HIGH' } });
    expect(raised?.text).toBe(`[HIGH] Severity raised from LOW to HIGH: ${inc.rule.name} is failing`);
    // A less severe failure never lowers it.
    expect(await deliverOutcome(t, outcome({ ...inc.rule, severity: 'LOW' }, 'failed'))).toBe('attached');
    expect((await detail(inc.id)).severity).toBe('HIGH');
  });
});
