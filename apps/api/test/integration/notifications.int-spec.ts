import {
  Roles,
  type CreatedNotificationChannelDto,
  type IncidentDetailDto,
  type NotificationChannelDto,
  type NotificationDeliveryDto,
  type NotificationPayload,
  type Paged,
} from '@dqw/shared-types';
import { createHmac, randomUUID } from 'node:crypto';
import { Encryptor } from '../../src/core/storage/encryption';
import { NotificationChannel } from '../../src/modules/incidents/notifications/notification-channel.entity';
import { NotificationDelivery } from '../../src/modules/incidents/notifications/notification-delivery.entity';
import { DeliveryService } from '../../src/modules/incidents/notifications/delivery.service';
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
import { MailReceiver, WebhookReceiver } from '../support/notifications-receivers';
import { startTestApp, type SessionClient, type TestApp } from '../support/test-app';

const T0 = new Date('2031-05-06T08:00:00.000Z');
const SECRET = 'webhook-secret-0123456789';

describeEachDb('notifications: channels, deliveries, outbound safety', (kind) => {
  let t: TestApp;
  let admin: SessionClient;
  let eng: SessionClient;
  let hook: WebhookReceiver;
  let mail: MailReceiver;
  let orders: string;
  const channels: string[] = [];

  beforeAll(async () => {
    hook = await WebhookReceiver.start();
    mail = await MailReceiver.start({ user: 'watchtower', pass: 'smtp-pass-123' });
    t = await startTestApp(kind, { env: INCIDENT_TEST_ENV });
    admin = await t.loginAs(Roles.Admin);
    eng = await t.loginAs(Roles.DataEngineer);
    orders = (await uploadCsv(eng, FAILING_ORDERS_CSV, { name: `orders-${kind}` })).datasetId;
    useClock(t, T0);
  });
  afterAll(async () => {
    await t?.close();
    await hook?.close();
    await mail?.close();
  });
  // Each test starts with no channel, so deliveries of one test never reach another's receiver.
  beforeEach(async () => {
    for (const id of channels.splice(0)) await admin.delete(`/api/notification-channels/${id}`);
    hook.reset();
    mail.mails.length = 0;
    mail.reject = false;
  });

  const createChannel = async (body: object): Promise<CreatedNotificationChannelDto> => {
    const res = await admin.post('/api/notification-channels', body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    channels.push(res.body.id);
    return res.body as CreatedNotificationChannelDto;
  };
  const deliveries = async (channelId: string) =>
    (
      (await admin.get(`/api/notification-channels/${channelId}/deliveries`).expect(200))
        .body as Paged<NotificationDeliveryDto>
    ).items;
  /** The delivery of one incident's notification on a channel (the log is newest first). */
  const deliveryOf = async (channelId: string, incidentId: string): Promise<NotificationDeliveryDto> => {
    const found = (await deliveries(channelId)).filter((d) => d.incidentId === incidentId);
    expect(found).toHaveLength(1);
    return found[0];
  };
  const newRule = async (severity: 'LOW' | 'MEDIUM' | 'HIGH' = 'HIGH'): Promise<RuleFacts> => {
    const name = `orders email ${randomUUID().slice(0, 6)}`;
    const body = (
      await eng
        .post('/api/rules', { datasetId: orders, name, dsl: 'NOT_NULL(email)', severity, active: false })
        .expect(201)
    ).body as { id: string; ownerId: string };
    return { id: body.id, name, datasetId: orders, severity, ownerId: body.ownerId };
  };
  const open = async (severity: 'LOW' | 'MEDIUM' | 'HIGH' = 'HIGH') => {
    const rule = await newRule(severity);
    await deliverOutcome(t, outcome(rule, 'failed'));
    await queueIdle(t);
    const inc = await liveIncidentOf((u) => eng.get(u), rule.id);
    return {
      rule,
      incident: (await eng.get(`/api/incidents/${inc?.id}`).expect(200)).body as IncidentDetailDto,
    };
  };

  it('signs the exact JSON payload of a webhook with HMAC-SHA256 and sends it once', async () => {
    const ch = await createChannel({ name: 'ops hook', type: 'webhook', url: hook.url, secret: SECRET });
    expect(ch).toMatchObject({
      type: 'webhook',
      url: hook.url,
      hasSecret: true,
      generatedSecret: null,
      minSeverity: 'LOW',
    });
    expect(ch.events).toEqual(['opened', 'reopened', 'breached', 'resolved', 'severity_raised']);
    expect(JSON.stringify(ch)).not.toContain(SECRET);

    const { rule, incident } = await open();
    expect(hook.requests).toHaveLength(1);
    const req = hook.requests[0];
    const key = `${incident.id}:opened:1`;
    const { allowedTransitions, acknowledgedBy, resolvedBy, mutedBy, timeline, timelineTotal, ...dto } =
      incident;
    void [allowedTransitions, acknowledgedBy, resolvedBy, mutedBy, timeline, timelineTotal];
    expect(JSON.parse(req.body)).toEqual({
      event: 'incident.opened',
      key,
      occurredAt: T0.toISOString(),
      text: `[HIGH] Incident opened: ${rule.name} is failing`,
      flapping: false,
      incident: { ...dto, url: `https://watchtower.example.com/incidents/${incident.id}` },
    } satisfies NotificationPayload);
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/hook');
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers['x-watchtower-event']).toBe('incident.opened');
    expect(req.headers['x-watchtower-key']).toBe(key);
    const expected = `sha256=${createHmac('sha256', SECRET).update(req.body).digest('hex')}`;
    expect(req.headers['x-watchtower-signature']).toBe(expected);

    const [d] = await deliveries(ch.id);
    expect(d).toMatchObject({
      incidentId: incident.id,
      event: 'opened',
      key,
      status: 'sent',
      sentAt: T0.toISOString(),
    });
    expect(d.attempts).toEqual([
      {
        attempt: 1,
        at: T0.toISOString(),
        ok: true,
        statusCode: 200,
        error: null,
        durationMs: expect.any(Number),
      },
    ]);
    // The job running again (a retry, a duplicate) never sends twice.
    expect(await t.app.get(DeliveryService).deliver(d.id)).toBe('skipped');
    expect(hook.requests).toHaveLength(1);
  });

  it('retries after a 500 with the same signed bytes, and logs every attempt', async () => {
    const ch = await createChannel({ name: 'flaky', type: 'webhook', url: hook.url, secret: SECRET });
    hook.replyWith(500, 502);
    const { incident } = await open();
    expect(hook.requests).toHaveLength(3);
    expect(new Set(hook.requests.map((r) => r.body)).size).toBe(1);
    expect(new Set(hook.requests.map((r) => r.headers['x-watchtower-signature'])).size).toBe(1);
    const [d] = await deliveries(ch.id);
    expect(d).toMatchObject({ incidentId: incident.id, status: 'sent' });
    expect(d.attempts.map((a) => [a.attempt, a.ok, a.statusCode, a.error])).toEqual([
      [1, false, 500, 'HTTP 500: failure 500'],
      [2, false, 502, 'HTTP 502: failure 502'],
      [3, true, 200, null],
    ]);

    // NOTIFY_MAX_ATTEMPTS=3: a receiver that keeps failing ends in `failed`, after exactly 3 tries.
    hook.reset();
    hook.replyWith(503, 503, 503, 503);
    const second = await open();
    expect(hook.requests).toHaveLength(3);
    const failed = await deliveryOf(ch.id, second.incident.id);
    expect(failed.status).toBe('failed');
    expect(failed.attempts.map((a) => a.statusCode)).toEqual([503, 503, 503]);

    // A 4xx is the receiver refusing this request: no retry.
    hook.reset();
    hook.replyWith(410);
    const third = await open();
    expect(hook.requests).toHaveLength(1);
    expect(await deliveryOf(ch.id, third.incident.id)).toMatchObject({
      status: 'failed',
      attempts: [{ statusCode: 410, error: 'HTTP 410: failure 410' }],
    });
  });

  it('gives up on a webhook that never answers after the timeout, without holding the worker', async () => {
    const ch = await createChannel({ name: 'black hole', type: 'webhook', url: hook.url, secret: SECRET });
    hook.replyWith('hang', 'hang', 'hang');
    const t0 = Date.now();
    const first = await open();
    const elapsed = Date.now() - t0;
    const d = await deliveryOf(ch.id, first.incident.id);
    expect(d.status).toBe('failed');
    expect(d.attempts).toHaveLength(3);
    for (const a of d.attempts) {
      expect(a).toMatchObject({ ok: false, statusCode: null, error: 'No answer within 1500 ms (timed out)' });
      expect(a.durationMs).toBeGreaterThanOrEqual(1400);
      expect(a.durationMs).toBeLessThan(5000);
    }
    expect(elapsed).toBeLessThan(15_000);
    // The queue is free again: the next notification goes out.
    const next = await open();
    expect((await deliveryOf(ch.id, next.incident.id)).status).toBe('sent');
  });

  it('generates a webhook secret when none is given, shows it once and keeps it encrypted', async () => {
    const ch = await createChannel({ name: 'generated', type: 'webhook', url: hook.url, events: ['opened'] });
    expect(ch.generatedSecret).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const again = (await admin.get(`/api/notification-channels/${ch.id}`).expect(200)).body;
    expect(again).not.toHaveProperty('generatedSecret');
    expect(JSON.stringify((await admin.get('/api/notification-channels').expect(200)).body)).not.toContain(
      ch.generatedSecret,
    );
    const [row] = (await t.dataSource.query(
      `SELECT secret_enc, url_enc FROM notification_channels WHERE id = ${kind === 'postgres' ? '$1' : '?'}`,
      [ch.id],
    )) as { secret_enc: string; url_enc: string }[];
    expect(row.secret_enc).not.toContain(ch.generatedSecret);
    expect(row.url_enc).not.toContain('127.0.0.1');
    await open();
    const req = hook.requests[0];
    expect(req.headers['x-watchtower-signature']).toBe(
      `sha256=${createHmac('sha256', ch.generatedSecret as string)
        .update(req.body)
        .digest('hex')}`,
    );
  });

  it('sends Slack-compatible messages and masks the hook URL', async () => {
    const url = hook.url.replace('/hook', '/services/T000/B000/XXXXSECRETXXXX');
    const ch = await createChannel({ name: 'slack', type: 'slack', url, events: ['opened', 'resolved'] });
    expect(ch.url).toBe(`${new URL(url).origin}/…`);
    expect(ch.hasSecret).toBe(false);
    const { rule, incident } = await open();
    expect(hook.requests).toHaveLength(1);
    expect(hook.requests[0].path).toBe('/services/T000/B000/XXXXSECRETXXXX');
    const body = hook.json<{ text: string }>(0);
    expect(Object.keys(body)).toEqual(['text']);
    expect(body.text.split('\n')).toEqual([
      `*[HIGH] Incident opened: ${rule.name} is failing*`,
      `Rule: ${rule.name} (${rule.id})`,
      `Dataset: ${orders}`,
      'Status: OPEN   Severity: HIGH   Occurrences: 1',
      `Opened: ${T0.toISOString()}`,
      `Acknowledge by: ${incident.slaAckDueAt}`,
      `Resolve by: ${incident.slaResolveDueAt}`,
      `Evidence: run ${incident.lastEvidenceRunId}`,
      `<https://watchtower.example.com/incidents/${incident.id}|Open the incident>`,
    ]);
    await admin
      .post('/api/notification-channels', { name: 's', type: 'slack', url, secret: SECRET })
      .expect(400);
  });

  it('sends email over SMTP with the stored (encrypted) password, and records a refusal without retrying', async () => {
    const ch = await createChannel({
      name: 'mail',
      type: 'email',
      minSeverity: 'MEDIUM',
      email: {
        host: '127.0.0.1',
        port: mail.port,
        secure: false,
        username: 'watchtower',
        password: 'smtp-pass-123',
        from: 'Watchtower <watchtower@example.com>',
        to: ['oncall@example.com', 'data@example.com'],
      },
    });
    expect(ch).toMatchObject({ type: 'email', url: null, hasSecret: true });
    expect(ch.email).toEqual({
      host: '127.0.0.1',
      port: mail.port,
      secure: false,
      username: 'watchtower',
      from: 'Watchtower <watchtower@example.com>',
      to: ['oncall@example.com', 'data@example.com'],
    });
    expect(JSON.stringify(ch)).not.toContain('smtp-pass-123');

    // Below the channel's minimum severity: nothing sent.
    await open('LOW');
    expect(mail.mails).toHaveLength(0);

    const { rule, incident } = await open('HIGH');
    expect(mail.mails).toHaveLength(1);
    const m = mail.mails[0];
    expect(m).toMatchObject({
      from: 'watchtower@example.com',
      to: ['oncall@example.com', 'data@example.com'],
      user: 'watchtower',
    });
    expect(m.headers['subject']).toBe(`[HIGH] Incident opened: ${rule.name} is failing`);
    expect(m.headers['x-watchtower-key']).toBe(`${incident.id}:opened:1`);
    expect(m.text.split(/\r?\n/)).toEqual([
      `[HIGH] Incident opened: ${rule.name} is failing`,
      '',
      `Rule: ${rule.name} (${rule.id})`,
      `Dataset: ${orders}`,
      'Status: OPEN   Severity: HIGH   Occurrences: 1',
      `Opened: ${T0.toISOString()}`,
      `Acknowledge by: ${incident.slaAckDueAt}`,
      `Resolve by: ${incident.slaResolveDueAt}`,
      `Evidence: run ${incident.lastEvidenceRunId}`,
      '',
      `https://watchtower.example.com/incidents/${incident.id}`,
    ]);
    const sent = await deliveryOf(ch.id, incident.id);
    expect(sent).toMatchObject({ status: 'sent', attempts: [{ ok: true, statusCode: 250 }] });

    // The server refuses the message (550): recorded once, not retried.
    mail.reject = true;
    const refusedOne = await open('HIGH');
    const refused = await deliveryOf(ch.id, refusedOne.incident.id);
    expect(refused.status).toBe('failed');
    expect(refused.attempts).toHaveLength(1);
    expect(refused.attempts[0]).toMatchObject({ ok: false, statusCode: 550 });
    expect(refused.attempts[0].error).toContain('Mailbox unavailable: message refused');

    // A wrong password is refused by the server the same way (535), visible through the test button.
    await admin
      .patch(`/api/notification-channels/${ch.id}`, { email: { ...ch.email, password: 'wrong-password' } })
      .expect(200);
    mail.reject = false;
    const test = (await admin.post(`/api/notification-channels/${ch.id}/test`).expect(200))
      .body as NotificationDeliveryDto;
    expect(test).toMatchObject({
      event: 'test',
      status: 'failed',
      attempts: [{ ok: false, statusCode: 535 }],
    });
  });

  it('times out on an SMTP port that accepts connections but never speaks', async () => {
    const silent = await WebhookReceiver.start(); // an HTTP server never greets in SMTP
    const port = Number(new URL(silent.url).port);
    const ch = await createChannel({
      name: 'mute smtp',
      type: 'email',
      email: {
        host: '127.0.0.1',
        port,
        secure: false,
        username: null,
        from: 'w@example.com',
        to: ['a@example.com'],
      },
    });
    const res = (await admin.post(`/api/notification-channels/${ch.id}/test`).expect(200))
      .body as NotificationDeliveryDto;
    expect(res.status).toBe('failed');
    expect(res.attempts[0].durationMs).toBeLessThan(5000);
    expect(res.attempts[0].error).toMatch(/timed out|Timeout|ETIMEDOUT|Greeting never received/i);
    await silent.close();
  });

  it('sends a test message on demand and shows it in the delivery log', async () => {
    const ch = await createChannel({ name: 'test me', type: 'webhook', url: hook.url, secret: SECRET });
    const res = (await admin.post(`/api/notification-channels/${ch.id}/test`).expect(200))
      .body as NotificationDeliveryDto;
    expect(res).toMatchObject({
      event: 'test',
      status: 'sent',
      incidentId: null,
      attempts: [{ ok: true, statusCode: 200 }],
    });
    expect(hook.json<NotificationPayload>(0)).toEqual({
      event: 'test',
      key: res.key,
      occurredAt: T0.toISOString(),
      text: 'Test message from Watchtower for channel "test me": notifications reach you.',
      flapping: false,
    });
    expect((await deliveries(ch.id)).map((d) => d.id)).toEqual([res.id]);
    hook.replyWith(500);
    const failed = (await admin.post(`/api/notification-channels/${ch.id}/test`).expect(200))
      .body as NotificationDeliveryDto;
    expect(failed).toMatchObject({ status: 'failed', attempts: [{ ok: false, statusCode: 500 }] });
    await admin.post(`/api/notification-channels/${randomUUID()}/test`).expect(404);
  });

  it('notifies only the channels that want the event and severity, and not while disabled', async () => {
    const onlyResolved = await createChannel({
      name: 'r',
      type: 'webhook',
      url: `${hook.url}?r`,
      secret: SECRET,
      events: ['resolved'],
    });
    const highOnly = await createChannel({
      name: 'h',
      type: 'webhook',
      url: `${hook.url}?h`,
      secret: SECRET,
      minSeverity: 'HIGH',
    });
    const off = await createChannel({
      name: 'off',
      type: 'webhook',
      url: `${hook.url}?off`,
      secret: SECRET,
      enabled: false,
    });
    const { incident } = await open('MEDIUM');
    expect(hook.requests).toHaveLength(0);
    await eng
      .patch(`/api/incidents/${incident.id}`, {
        status: 'RESOLVED',
        resolutionReason: 'fixed',
        note: 'Reloaded',
      })
      .expect(200);
    await queueIdle(t);
    expect(hook.requests.map((r) => r.path)).toEqual(['/hook?r']);
    const p = hook.json<NotificationPayload>(0);
    expect(p.text).toBe(
      `[MEDIUM] Incident resolved as fixed by ${eng.me.user.displayName}: ${incident.title}`,
    );
    expect(p.incident).toMatchObject({ status: 'RESOLVED', resolutionNote: 'Reloaded' });
    await open('HIGH');
    expect(hook.requests.map((r) => r.path)).toEqual(['/hook?r', '/hook?h']);
    expect(await deliveries(off.id)).toEqual([]);
    // Enabling it later doesn't replay the past.
    await admin
      .patch(`/api/notification-channels/${off.id}`, { enabled: true, events: ['opened'] })
      .expect(200);
    await queueIdle(t);
    expect(await deliveries(off.id)).toEqual([]);
    void highOnly;
    void onlyResolved;
  });

  it('refuses URLs that are not http(s) and targets that are private, loopback, link-local or metadata', async () => {
    const bad = async (url: string) => {
      const res = await admin.post('/api/notification-channels', {
        name: 'x',
        type: 'webhook',
        url,
        secret: SECRET,
      });
      expect(res.status, url).toBe(400);
      return res.body.message as string;
    };
    expect(await bad('ftp://example.com/hook')).toBe('url: Only http and https URLs are allowed (got ftp)');
    expect(await bad('file:///etc/passwd')).toBe('url: Only http and https URLs are allowed (got file)');
    expect(await bad('javascript:alert(1)')).toBe(
      'url: Only http and https URLs are allowed (got javascript)',
    );
    expect(await bad('not a url')).toBe('url: "not a url" is not a valid URL');
    expect(await bad('http://169.254.169.254/latest/meta-data/')).toBe(
      'url: Refused to contact 169.254.169.254: 169.254.169.254 is a cloud metadata address (an Admin can allow it with NOTIFY_ALLOWED_HOSTS)',
    );
    expect(await bad('http://169.254.10.1/')).toContain('169.254.10.1 is a link-local address');
    expect(await bad('http://10.1.2.3/hook')).toContain('10.1.2.3 is a private address');
    expect(await bad('https://192.168.0.10/hook')).toContain('192.168.0.10 is a private address');
    expect(await bad('http://172.20.0.1/')).toContain('172.20.0.1 is a private address');
    expect(await bad('http://127.0.0.2:8080/')).toContain('127.0.0.2 is a loopback address');
    expect(await bad('http://[::1]/')).toContain('::1 is a loopback address');
    expect(await bad('http://[fe80::1]/')).toContain('fe80::1 is a link-local address');
    expect(await bad('http://[::ffff:169.254.169.254]/')).toContain(
      '169.254.169.254 is a cloud metadata address',
    );
    expect(await bad('http://[::ffff:10.0.0.1]/')).toContain('10.0.0.1 is a private address');
    expect(await bad('http://0.0.0.0/')).toContain('0.0.0.0 is a reserved address');
    expect(await bad('http://no-such-host.invalid/')).toMatch(/^url: Cannot resolve no-such-host\.invalid/);
    const smtp = await admin.post('/api/notification-channels', {
      name: 'x',
      type: 'email',
      email: { host: '10.0.0.5', port: 25, secure: false, from: 'a@example.com', to: ['b@example.com'] },
    });
    expect(smtp.status).toBe(400);
    expect(smtp.body.message).toContain(
      'email.host: Refused to contact 10.0.0.5: 10.0.0.5 is a private address',
    );
    const missing = await admin.post('/api/notification-channels', { name: 'x', type: 'webhook' });
    expect(missing.body.message).toBe('A webhook channel needs `url`');
    await admin.post('/api/notification-channels', { name: 'x', type: 'email', url: hook.url }).expect(400);
    await admin.post('/api/notification-channels', { name: 'x', type: 'pager', url: hook.url }).expect(400);
    await admin
      .post('/api/notification-channels', { name: 'x', type: 'webhook', url: hook.url, secret: 'short' })
      .expect(400);
    await admin
      .post('/api/notification-channels', { name: 'x', type: 'webhook', url: hook.url, events: ['exploded'] })
      .expect(400);
    expect((await admin.get('/api/notification-channels').expect(200)).body.total).toBe(0);

    // A channel whose target became unsafe (e.g. changed DNS) fails at send time without a retry.
    const ch = await createChannel({ name: 'was fine', type: 'webhook', url: hook.url, secret: SECRET });
    const enc = (await t.dataSource.query('SELECT url_enc FROM notification_channels')) as {
      url_enc: string;
    }[];
    expect(enc).toHaveLength(1);
    const moved = t.app.get(Encryptor).encryptText('http://10.9.9.9/hook');
    await t.dataSource.getRepository(NotificationChannel).update({ id: ch.id }, { urlEnc: moved });
    const { incident } = await open();
    const d = await deliveryOf(ch.id, incident.id);
    expect(d.status).toBe('failed');
    expect(d.attempts).toHaveLength(1);
    expect(d.attempts[0].error).toContain('Refused to contact 10.9.9.9');
  });

  it('updates and deletes channels (Admin only); secrets can be rotated but never read', async () => {
    const ch = await createChannel({ name: 'ops', type: 'webhook', url: hook.url, secret: SECRET });
    const patched = (
      await admin
        .patch(`/api/notification-channels/${ch.id}`, {
          name: 'ops (renamed)',
          secret: 'another-secret-0123456789',
          minSeverity: 'HIGH',
        })
        .expect(200)
    ).body as NotificationChannelDto;
    expect(patched).toMatchObject({ name: 'ops (renamed)', minSeverity: 'HIGH', hasSecret: true });
    await admin.patch(`/api/notification-channels/${ch.id}`, { url: 'ftp://x/' }).expect(400);
    await admin.patch(`/api/notification-channels/${ch.id}`, { email: { host: 'x' } }).expect(400);
    await admin.patch(`/api/notification-channels/${ch.id}`, { name: null }).expect(400);
    await open('HIGH');
    expect(hook.requests[0].headers['x-watchtower-signature']).toBe(
      `sha256=${createHmac('sha256', 'another-secret-0123456789').update(hook.requests[0].body).digest('hex')}`,
    );
    const audit = (
      await admin.get(`/api/audit?entityType=notification_channel&entityId=${ch.id}`).expect(200)
    ).body;
    expect(audit.items.map((a: { action: string }) => a.action)).toEqual([
      'notification_channel.update',
      'notification_channel.create',
    ]);
    expect(JSON.stringify(audit)).not.toContain('another-secret');
    await eng.get('/api/notification-channels').expect(403);
    await eng.post('/api/notification-channels', { name: 'x', type: 'webhook', url: hook.url }).expect(403);
    await admin.delete(`/api/notification-channels/${ch.id}`).expect(204);
    channels.splice(channels.indexOf(ch.id), 1);
    await admin.get(`/api/notification-channels/${ch.id}`).expect(404);
    await admin.get(`/api/notification-channels/${ch.id}/deliveries`).expect(404);
    expect(await t.dataSource.getRepository(NotificationDelivery).countBy({ channelId: ch.id })).toBe(0);
  });
});
