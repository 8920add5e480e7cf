import type { IncidentDto } from '@dqw/shared-types';
import { buildPayload, detailLines, formatMinutes, notificationText } from './payload';
import { slackBody } from './senders/slack.sender';
import { signature } from './senders/webhook.sender';

const incident: IncidentDto = {
  id: 'i-1',
  ruleId: 'r-1',
  datasetId: 'd-1',
  severity: 'HIGH',
  status: 'OPEN',
  title: 'orders <email> & co is failing',
  occurrences: 3,
  assigneeId: null,
  openedAt: '2031-01-01T00:00:00.000Z',
  acknowledgedAt: null,
  resolvedAt: null,
  mutedUntil: null,
  slaAckDueAt: '2031-01-01T01:00:00.000Z',
  slaResolveDueAt: '2031-01-02T00:00:00.000Z',
  slaBreachedAt: null,
  lastRunId: 'run-3',
  ruleName: 'orders <email> & co',
  firstRunId: 'run-1',
  lastEvidenceRunId: 'run-3',
  lastOccurrenceAt: '2031-01-01T00:10:00.000Z',
  flapping: false,
  slaAckBreachedAt: null,
  slaResolveBreachedAt: null,
  mutedAt: null,
  resolutionReason: null,
  resolutionNote: null,
  updatedAt: '2031-01-01T00:10:00.000Z',
};

describe('notification payloads', () => {
  it('formats SLA durations for people', () => {
    expect([1, 45, 60, 90, 240, 1440, 2160, 4320, 10080].map(formatMinutes)).toEqual([
      '1 min',
      '45 min',
      '1 h',
      '1 h 30 min',
      '4 h',
      '1 d',
      '1 d 12 h',
      '3 d',
      '7 d',
    ]);
  });

  it('says what happened in one line', () => {
    expect(notificationText(incident, 'opened', {})).toBe(
      '[HIGH] Incident opened: orders <email> & co is failing',
    );
    expect(
      notificationText(incident, 'breached', { breach: { kind: 'resolve', dueAt: 'x', minutes: 1440 } }),
    ).toBe('[HIGH] SLA breached: not resolved within 1 d: orders <email> & co is failing');
    expect(notificationText(incident, 'reopened', { reason: 'mute expired' })).toBe(
      '[HIGH] Incident reopened (mute expired): orders <email> & co is failing',
    );
    expect(
      notificationText({ ...incident, resolutionReason: 'false_positive' }, 'resolved', {
        resolvedBy: 'Ann',
      }),
    ).toBe('[HIGH] Incident resolved as false positive by Ann: orders <email> & co is failing');
    expect(notificationText({ ...incident, flapping: true }, 'opened', {})).toContain(
      '— flapping: the rule keeps',
    );
  });

  it('builds the webhook body with the incident, its link and the breach', () => {
    const p = buildPayload({
      incident,
      event: 'breached',
      key: 'i-1:breached:4',
      occurredAt: new Date('2031-01-01T01:01:00.000Z'),
      facts: { breach: { kind: 'ack', dueAt: '2031-01-01T01:00:00.000Z', minutes: 60 } },
      publicUrl: 'https://w.example',
    });
    expect(p).toEqual({
      event: 'incident.breached',
      key: 'i-1:breached:4',
      occurredAt: '2031-01-01T01:01:00.000Z',
      text: '[HIGH] SLA breached: not acknowledged within 1 h: orders <email> & co is failing',
      flapping: false,
      incident: { ...incident, url: 'https://w.example/incidents/i-1' },
      breach: { kind: 'ack', dueAt: '2031-01-01T01:00:00.000Z' },
    });
    expect(detailLines(p).at(-1)).toBe('https://w.example/incidents/i-1');
  });

  it('escapes Slack markup in texts', () => {
    const p = buildPayload({
      incident,
      event: 'opened',
      key: 'k',
      occurredAt: new Date(0),
      facts: {},
      publicUrl: null,
    });
    const text = (JSON.parse(slackBody(p)) as { text: string }).text;
    expect(text.split('\n')[0]).toBe('*[HIGH] Incident opened: orders &lt;email&gt; &amp; co is failing*');
    expect(text).not.toContain('<email>');
  });

  it('signs with HMAC-SHA256 over the exact bytes', () => {
    // Reference value: printf '{"a":1}' | openssl dgst -sha256 -hmac key
    expect(signature('key', '{"a":1}')).toBe(
      'sha256=88a67f24bbcdaed0e6c997404bb79a743baf44c6bab2f4c27328e3009d22e342',
    );
  });
});
