import {
  Roles,
  type IncidentListResponse,
  type NotificationDeliveryDto,
  type Paged,
} from '@dqw/shared-types';
import { describeEachDb } from '../support/db-kinds';
import {
  deliverOutcome,
  FAILING_ORDERS_CSV,
  INCIDENT_TEST_ENV,
  outcome,
  uploadCsv,
  type RuleFacts,
} from '../support/incidents-helpers';
import { WebhookReceiver } from '../support/notifications-receivers';
import { dropPrefix, redisAvailable, TEST_REDIS_URL, uniquePrefix } from '../support/redis';
import { startTestApp, type SessionClient, type TestApp } from '../support/test-app';

const hasRedis = await redisAvailable();

/** Production shape: deliveries are Bull jobs on Redis, retried by Bull with the configured backoff. */
describeEachDb('notifications through Bull on Redis', (kind) => {
  let t: TestApp;
  let admin: SessionClient;
  let eng: SessionClient;
  let hook: WebhookReceiver;
  const prefix = uniquePrefix('notify');

  beforeAll(async () => {
    if (!hasRedis) return;
    hook = await WebhookReceiver.start();
    t = await startTestApp(kind, {
      env: { ...INCIDENT_TEST_ENV, REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: prefix },
      roles: { web: true, worker: true, scheduler: false },
    });
    admin = await t.loginAs(Roles.Admin);
    eng = await t.loginAs(Roles.DataEngineer);
  });
  afterAll(async () => {
    await t?.close();
    await hook?.close();
    if (hasRedis) await dropPrefix(prefix);
  });

  it.runIf(hasRedis)(
    'retries a delivery after a 500 with the same signed bytes, once sent never again',
    async () => {
      const { datasetId } = await uploadCsv(eng, FAILING_ORDERS_CSV, { name: `bull-${kind}` });
      const ch = (
        await admin
          .post('/api/notification-channels', {
            name: 'bull',
            type: 'webhook',
            url: hook.url,
            secret: 'q'.repeat(16),
          })
          .expect(201)
      ).body as { id: string };
      const name = 'bull rule';
      const body = (
        await eng.post('/api/rules', { datasetId, name, dsl: 'NOT_NULL(email)', active: false }).expect(201)
      ).body as { id: string; ownerId: string };
      const rule: RuleFacts = { id: body.id, name, datasetId, severity: 'MEDIUM', ownerId: body.ownerId };
      hook.replyWith(500);
      expect(await deliverOutcome(t, outcome(rule, 'failed'))).toBe('opened');

      let log: NotificationDeliveryDto[] = [];
      const until = Date.now() + 20_000;
      while (Date.now() < until) {
        log = (
          (await admin.get(`/api/notification-channels/${ch.id}/deliveries`).expect(200))
            .body as Paged<NotificationDeliveryDto>
        ).items;
        if (log[0]?.status === 'sent') break;
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(log).toHaveLength(1);
      expect(log[0].attempts.map((a) => [a.attempt, a.statusCode])).toEqual([
        [1, 500],
        [2, 200],
      ]);
      expect(hook.requests).toHaveLength(2);
      expect(hook.requests[0].body).toBe(hook.requests[1].body);
      expect(hook.requests[0].headers['x-watchtower-signature']).toBe(
        hook.requests[1].headers['x-watchtower-signature'],
      );
      const inc = (
        (await eng.get(`/api/incidents?ruleId=${rule.id}`).expect(200)).body as IncidentListResponse
      ).items[0];
      expect(JSON.parse(hook.requests[1].body)).toMatchObject({
        event: 'incident.opened',
        incident: { id: inc.id },
      });
      await new Promise((r) => setTimeout(r, 300));
      expect(hook.requests).toHaveLength(2);
    },
  );
});
