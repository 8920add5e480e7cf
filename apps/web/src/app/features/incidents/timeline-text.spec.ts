import { describeEvent } from './timeline-text';
import { eventFixture } from './testing/incident-fixtures';

const names = (id: string | null) => (id === 'u-2' ? 'Bea' : 'someone');
const time = (iso: string) => `<${iso}>`;

describe('describeEvent', () => {
  it('says what happened, who did it and the facts that matter', () => {
    expect(describeEvent(eventFixture(), names, time)).toMatchObject({
      summary: 'Opened: the rule failed',
      facts: '2 of 6 rows failed',
    });
    expect(
      describeEvent(
        eventFixture({
          type: 'muted',
          actorType: 'user',
          actorLabel: 'Ana',
          data: { until: '2026-03-02T00:00:00Z' },
        }),
        names,
        time,
      ),
    ).toMatchObject({ summary: 'Muted by Ana', facts: 'until <2026-03-02T00:00:00Z>' });
    expect(
      describeEvent(
        eventFixture({
          type: 'assigned',
          actorType: 'user',
          actorLabel: 'Ana',
          data: { from: null, to: 'u-2' },
        }),
        names,
        time,
      ).facts,
    ).toBe('to Bea');
    expect(
      describeEvent(
        eventFixture({
          type: 'resolved',
          actorType: 'user',
          actorLabel: 'Ana',
          data: { reason: 'false_positive' },
        }),
        names,
        time,
      ),
    ).toMatchObject({ summary: 'Resolved by Ana', facts: 'Reason: False positive' });
    expect(
      describeEvent(eventFixture({ type: 'resolved', data: { reason: 'fixed' } }), names, time).summary,
    ).toBe('Resolved by Watchtower: the rule passes again');
    expect(
      describeEvent(
        eventFixture({ type: 'sla_breached', data: { kind: 'ack', dueAt: '2026-03-01T11:00:00Z' } }),
        names,
        time,
      ),
    ).toMatchObject({
      summary: 'SLA missed: not acknowledged in time',
      facts: 'was due <2026-03-01T11:00:00Z>',
    });
    expect(
      describeEvent(eventFixture({ type: 'flapping', data: { flapping: true, changes: 4 } }), names, time)
        .facts,
    ).toContain('4 switches');
  });
});
