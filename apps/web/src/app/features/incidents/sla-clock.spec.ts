import { ackClock, formatSpan, listClocks, resolveClock } from './sla-clock';
import { T0, incidentFixture } from './testing/incident-fixtures';

const MIN = 60_000;
const HOUR = 60 * MIN;

describe('formatSpan', () => {
  it('says lengths of time as people do, with seconds only close to a deadline', () => {
    expect(formatSpan(45_000)).toBe('45 s');
    expect(formatSpan(4 * MIN + 5_000)).toBe('4 min 05 s');
    expect(formatSpan(42 * MIN + 59_000)).toBe('42 min');
    expect(formatSpan(3 * HOUR + 10 * MIN)).toBe('3 h 10 min');
    expect(formatSpan(5 * HOUR)).toBe('5 h');
    expect(formatSpan(24 * HOUR)).toBe('1 day');
    expect(formatSpan(52 * HOUR)).toBe('2 days 4 h');
    expect(formatSpan(-90 * MIN)).toBe('1 h 30 min');
  });
});

describe('SLA clocks', () => {
  const open = incidentFixture(); // opened at T0, ack due T0+1h, resolve due T0+24h

  it('counts down to acknowledgement, turning amber in the last quarter and ticking seconds at the end', () => {
    expect(ackClock(open, T0 + 10 * MIN)).toMatchObject({
      state: 'running',
      tone: 'secondary',
      text: 'Acknowledge within 50 min',
    });
    expect(ackClock(open, T0 + 50 * MIN)).toMatchObject({
      tone: 'warning',
      text: 'Acknowledge within 10 min',
    });
    expect(ackClock(open, T0 + 55 * MIN + 30_000).text).toBe('Acknowledge within 4 min 30 s');
    // The clock moved one second: the text moved too.
    expect(ackClock(open, T0 + 55 * MIN + 31_000).text).toBe('Acknowledge within 4 min 29 s');
  });

  it('says "overdue" before the minute check records the breach, and "not in time" after', () => {
    expect(ackClock(open, T0 + 62 * MIN)).toMatchObject({
      state: 'overdue',
      tone: 'danger',
      text: 'Acknowledgement overdue by 2 min 00 s',
    });
    const breached = incidentFixture({ slaAckBreachedAt: new Date(T0 + 61 * MIN).toISOString() });
    expect(ackClock(breached, T0 + 2 * HOUR)).toMatchObject({
      state: 'breached',
      text: 'Not acknowledged in time',
    });
  });

  it('stops the acknowledge clock at the first response: acknowledging, muting or resolving', () => {
    const at = new Date(T0 + 5 * MIN).toISOString();
    expect(
      ackClock(incidentFixture({ status: 'ACKNOWLEDGED', acknowledgedAt: at }), T0 + 2 * HOUR).state,
    ).toBe('met');
    const unmuted = incidentFixture({ status: 'OPEN', mutedAt: at });
    expect(ackClock(unmuted, T0 + 2 * HOUR)).toMatchObject({
      state: 'met',
      text: 'Muted in time (counts as a response)',
    });
    expect(ackClock(incidentFixture({ status: 'RESOLVED', resolvedAt: at }), T0 + 2 * HOUR).state).toBe(
      'met',
    );
  });

  it('pauses the resolve clock while muted and ends it when resolved', () => {
    const muted = incidentFixture({ status: 'MUTED', mutedAt: new Date(T0).toISOString() });
    expect(resolveClock(muted, T0 + 30 * HOUR)).toMatchObject({ state: 'paused', remainingMs: null });
    expect(resolveClock(incidentFixture({ status: 'ACKNOWLEDGED' }), T0 + 20 * HOUR)).toMatchObject({
      state: 'running',
      text: 'Resolve within 4 h',
    });
    expect(resolveClock(incidentFixture({ status: 'RESOLVED' }), T0 + 2 * HOUR).state).toBe('met');
    expect(resolveClock(incidentFixture({ slaResolveDueAt: null }), T0).state).toBe('none');
  });

  it('lists every breach and then the clock that runs now', () => {
    expect(listClocks(open, T0).map((c) => c.text)).toEqual(['Acknowledge within 1 h']);
    const late = incidentFixture({
      status: 'ACKNOWLEDGED',
      acknowledgedAt: new Date(T0 + 2 * HOUR).toISOString(),
      slaAckBreachedAt: new Date(T0 + HOUR).toISOString(),
    });
    expect(listClocks(late, T0 + 3 * HOUR).map((c) => c.text)).toEqual([
      'Not acknowledged in time',
      'Resolve within 21 h',
    ]);
    expect(
      listClocks(incidentFixture({ status: 'RESOLVED', resolvedAt: new Date(T0).toISOString() }), T0),
    ).toEqual([]);
  });
});
