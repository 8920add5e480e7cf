import { IncidentDto } from '@dqw/shared-types';

/** The two SLA targets of an incident: a first response (acknowledge or mute), then resolution. */
export type SlaKind = 'ack' | 'resolve';

/**
 * `running`: due in the future. `overdue`: due has passed but the minute check has not recorded the
 * breach yet. `breached`: recorded. `met`: the target was reached in time. `paused`: muted, nothing
 * runs. `none`: no target applies (e.g. an incident from before SLAs existed).
 */
export type SlaState = 'running' | 'overdue' | 'breached' | 'met' | 'paused' | 'none';
export type SlaTone = 'secondary' | 'warning' | 'danger' | 'success';

export interface SlaClock {
  kind: SlaKind;
  state: SlaState;
  dueAt: string | null;
  /** Milliseconds until due (negative once overdue); null when no clock runs. */
  remainingMs: number | null;
  tone: SlaTone;
  /** A few words for a badge, e.g. "Acknowledge within 42 min". */
  text: string;
}

export type SlaFields = Pick<
  IncidentDto,
  | 'status'
  | 'openedAt'
  | 'acknowledgedAt'
  | 'mutedAt'
  | 'resolvedAt'
  | 'slaAckDueAt'
  | 'slaResolveDueAt'
  | 'slaAckBreachedAt'
  | 'slaResolveBreachedAt'
>;

/** Under this much time left, a countdown turns amber. */
const CLOSE_MS = 15 * 60_000;
/** …or under this share of its whole window. */
const CLOSE_SHARE = 0.25;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * A length of time as people say it, precise enough to act on: "45 s", "4 min 05 s" (seconds only under
 * ten minutes, so a close deadline visibly ticks), "42 min", "3 h 10 min", "2 days 4 h". Rounded down.
 */
export function formatSpan(ms: number): string {
  const abs = Math.max(0, Math.abs(ms));
  if (abs < MINUTE) return `${Math.floor(abs / 1000)} s`;
  if (abs < 10 * MINUTE) {
    const seconds = Math.floor((abs % MINUTE) / 1000);
    return `${Math.floor(abs / MINUTE)} min ${String(seconds).padStart(2, '0')} s`;
  }
  if (abs < HOUR) return `${Math.floor(abs / MINUTE)} min`;
  if (abs < DAY) {
    const minutes = Math.floor((abs % HOUR) / MINUTE);
    const hours = Math.floor(abs / HOUR);
    return minutes ? `${hours} h ${minutes} min` : `${hours} h`;
  }
  const days = Math.floor(abs / DAY);
  const hours = Math.floor((abs % DAY) / HOUR);
  return hours ? `${plural(days, 'day', 'days')} ${hours} h` : plural(days, 'day', 'days');
}

const time = (iso: string | null): number | null => {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : null;
};

function countdown(kind: SlaKind, i: SlaFields, due: number, now: number): SlaClock {
  const remainingMs = due - now;
  const dueAt = kind === 'ack' ? i.slaAckDueAt : i.slaResolveDueAt;
  if (remainingMs <= 0) {
    return {
      kind,
      state: 'overdue',
      dueAt,
      remainingMs,
      tone: 'danger',
      text: `${kind === 'ack' ? 'Acknowledgement' : 'Resolution'} overdue by ${formatSpan(remainingMs)}`,
    };
  }
  const opened = time(i.openedAt) ?? now;
  const window = Math.max(1, due - opened);
  const close = remainingMs <= CLOSE_MS || remainingMs / window <= CLOSE_SHARE;
  return {
    kind,
    state: 'running',
    dueAt,
    remainingMs,
    tone: close ? 'warning' : 'secondary',
    text: `${kind === 'ack' ? 'Acknowledge' : 'Resolve'} within ${formatSpan(remainingMs)}`,
  };
}

const fixed = (kind: SlaKind, i: SlaFields, state: SlaState, tone: SlaTone, text: string): SlaClock => ({
  kind,
  state,
  dueAt: kind === 'ack' ? i.slaAckDueAt : i.slaResolveDueAt,
  remainingMs: null,
  tone,
  text,
});

/**
 * Time to acknowledge. It stops at the first response — acknowledging or muting (either shows that a
 * person saw it), or resolving straight away — as the API's SLA check does.
 */
export function ackClock(i: SlaFields, now: number): SlaClock {
  if (i.slaAckBreachedAt) return fixed('ack', i, 'breached', 'danger', 'Not acknowledged in time');
  const due = time(i.slaAckDueAt);
  if (due === null) return fixed('ack', i, 'none', 'secondary', 'No acknowledge target');
  if (i.acknowledgedAt) return fixed('ack', i, 'met', 'success', 'Acknowledged in time');
  if (i.mutedAt) return fixed('ack', i, 'met', 'success', 'Muted in time (counts as a response)');
  if (i.status !== 'OPEN') return fixed('ack', i, 'met', 'success', 'Resolved before the acknowledge target');
  return countdown('ack', i, due, now);
}

/** Time to resolve: runs while the incident is open or acknowledged, and pauses while it is muted. */
export function resolveClock(i: SlaFields, now: number): SlaClock {
  if (i.slaResolveBreachedAt) return fixed('resolve', i, 'breached', 'danger', 'Not resolved in time');
  const due = time(i.slaResolveDueAt);
  if (due === null) return fixed('resolve', i, 'none', 'secondary', 'No resolve target');
  if (i.status === 'RESOLVED') return fixed('resolve', i, 'met', 'success', 'Resolved in time');
  if (i.status === 'MUTED')
    return fixed('resolve', i, 'paused', 'secondary', 'Resolve target paused while muted');
  return countdown('resolve', i, due, now);
}

/**
 * The badges a row of the triage table shows: every breach, then the clock that runs now (the
 * acknowledge one until someone responds, then the resolve one). Met and paused clocks are left out.
 */
export function listClocks(i: SlaFields, now: number): SlaClock[] {
  const clocks = [ackClock(i, now), resolveClock(i, now)];
  const breached = clocks.filter((c) => c.state === 'breached');
  const live = clocks.find((c) => c.state === 'running' || c.state === 'overdue');
  return live ? [...breached, live] : breached;
}
