import { IncidentEventDto, IncidentStatus } from '@dqw/shared-types';
import { reasonLabel, statusLabel } from './incident-labels';

export interface EventText {
  /** What happened, with who did it: "Acknowledged by Ana". */
  summary: string;
  /** A second line of facts (rows that failed, the mute end…), or null. */
  facts: string | null;
  tone: 'danger' | 'warning' | 'success' | 'secondary' | 'primary' | 'info';
}

const str = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);
const num = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;

/** "3 of 1,200 rows failed" from an event's data, or null. */
function failedRows(data: Record<string, unknown> | null): string | null {
  const failed = num(data?.['failedCount']);
  const checked = num(data?.['rowsChecked']);
  if (failed === null) return null;
  return checked === null
    ? `${failed.toLocaleString()} rows failed`
    : `${failed.toLocaleString()} of ${checked.toLocaleString()} rows failed`;
}

/**
 * One timeline entry in words. `nameOf` turns a user id (an assignee in `data`) into a name;
 * `formatTime` an ISO instant into the page's date format.
 */
export function describeEvent(
  e: IncidentEventDto,
  nameOf: (id: string | null) => string,
  formatTime: (iso: string) => string,
): EventText {
  const who = e.actorType === 'system' ? 'Watchtower' : e.actorLabel;
  const data = e.data;
  switch (e.type) {
    case 'opened':
      return { summary: 'Opened: the rule failed', facts: failedRows(data), tone: 'danger' };
    case 'occurrence':
      return {
        summary: data?.['silent'] ? 'Failed again (while muted, nobody was notified)' : 'Failed again',
        facts:
          [failedRows(data), num(data?.['occurrences']) ? `occurrence ${num(data?.['occurrences'])}` : null]
            .filter(Boolean)
            .join(' · ') || null,
        tone: 'danger',
      };
    case 'acknowledged':
      return { summary: `Acknowledged by ${who}`, facts: null, tone: 'warning' };
    case 'muted': {
      const until = str(data?.['until']);
      return {
        summary: `Muted by ${who}`,
        facts: until ? `until ${formatTime(until)}` : 'until someone unmutes it',
        tone: 'secondary',
      };
    }
    case 'unmuted':
      return { summary: `Unmuted by ${who}: open again`, facts: null, tone: 'primary' };
    case 'reopened':
      return {
        summary:
          e.actorType === 'system'
            ? 'Reopened: the mute ended and the rule still fails'
            : `Reopened by ${who}`,
        facts: null,
        tone: 'danger',
      };
    case 'resolved':
      return {
        summary:
          e.actorType === 'system' ? 'Resolved by Watchtower: the rule passes again' : `Resolved by ${who}`,
        facts: e.actorType === 'system' ? null : `Reason: ${reasonLabel(str(data?.['reason']))}`,
        tone: 'success',
      };
    case 'assigned': {
      const to = str(data?.['to']);
      const summary = e.actorType === 'system' ? 'Assigned' : `Assigned by ${who}`;
      return { summary, facts: to ? `to ${nameOf(to)}` : 'to nobody (unassigned)', tone: 'info' };
    }
    case 'severity_raised':
      return {
        summary: 'Severity raised',
        facts: `from ${str(data?.['from']) ?? '?'} to ${str(data?.['to']) ?? '?'} (the rule changed)`,
        tone: 'danger',
      };
    case 'sla_breached': {
      const kind = data?.['kind'] === 'ack' ? 'acknowledged' : 'resolved';
      const due = str(data?.['dueAt']);
      return {
        summary: `SLA missed: not ${kind} in time`,
        facts: due ? `was due ${formatTime(due)}` : null,
        tone: 'danger',
      };
    }
    case 'comment':
      return { summary: `${who} commented`, facts: null, tone: 'secondary' };
    case 'flapping': {
      const on = data?.['flapping'] !== false;
      const changes = num(data?.['changes']);
      return {
        summary: on ? 'The rule is flapping' : 'The rule stopped flapping',
        facts: on
          ? `${changes ?? 'Several'} switches between pass and fail in its last 10 runs: the incident stays open instead of closing and reopening`
          : null,
        tone: 'info',
      };
    }
    default:
      return { summary: transition(e.fromStatus, e.toStatus) ?? 'Changed', facts: null, tone: 'secondary' };
  }
}

function transition(from: IncidentStatus | null, to: IncidentStatus | null): string | null {
  if (!to) return null;
  return from ? `${statusLabel(from)} → ${statusLabel(to)}` : statusLabel(to);
}
