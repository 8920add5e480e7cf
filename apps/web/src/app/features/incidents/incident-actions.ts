import {
  BulkIncidentAction,
  INCIDENT_TRANSITIONS,
  IncidentDetailDto,
  IncidentDto,
  IncidentStatus,
  Role,
  Roles,
} from '@dqw/shared-types';
import { ApiProblem } from '../../core/http/api-problem';
import { isIncidentStatus, statusLabel } from './incident-labels';

/** What a person can do on the detail page. `change-mute` sets a new end on a muted incident. */
export type IncidentAction =
  'acknowledge' | 'mute' | 'change-mute' | 'unmute' | 'resolve' | 'assign' | 'comment';

/** Admins and data engineers triage; analysts read. */
export function canTriage(role: Role | null): boolean {
  return role === Roles.Admin || role === Roles.DataEngineer;
}

/**
 * Exactly the actions the API allows this user on this incident: status changes come from the
 * detail's `allowedTransitions` (the API leaves it empty for analysts and for resolved incidents);
 * assigning is for triagers while the incident is not resolved; commenting is for triagers.
 */
export function incidentActions(
  role: Role | null,
  incident: Pick<IncidentDetailDto, 'status' | 'allowedTransitions'>,
): ReadonlySet<IncidentAction> {
  const actions = new Set<IncidentAction>();
  if (!canTriage(role)) return actions;
  const allowed = new Set(incident.allowedTransitions);
  if (allowed.has('ACKNOWLEDGED')) actions.add('acknowledge');
  if (allowed.has('MUTED')) actions.add(incident.status === 'MUTED' ? 'change-mute' : 'mute');
  if (allowed.has('OPEN') && incident.status === 'MUTED') actions.add('unmute');
  if (allowed.has('RESOLVED')) actions.add('resolve');
  if (incident.status !== 'RESOLVED') actions.add('assign');
  actions.add('comment');
  return actions;
}

/** The bulk actions of the triage view, in toolbar order. */
export const BULK_ACTIONS: readonly { action: BulkIncidentAction; label: string; done: string }[] = [
  { action: 'acknowledge', label: 'Acknowledge', done: 'acknowledged' },
  { action: 'assign', label: 'Assign…', done: 'assigned' },
  { action: 'mute', label: 'Mute…', done: 'muted' },
  { action: 'unmute', label: 'Unmute', done: 'unmuted' },
  { action: 'resolve', label: 'Resolve…', done: 'resolved' },
];

/** Whether a bulk action applies to an incident in this status (the same table the API checks). */
export function bulkApplies(action: BulkIncidentAction, status: IncidentStatus): boolean {
  switch (action) {
    case 'acknowledge':
      return INCIDENT_TRANSITIONS[status].includes('ACKNOWLEDGED');
    case 'mute':
      // Re-muting sets a new end; in bulk that would silently extend other people's mutes.
      return status !== 'MUTED' && INCIDENT_TRANSITIONS[status].includes('MUTED');
    case 'unmute':
      return status === 'MUTED';
    case 'resolve':
      return INCIDENT_TRANSITIONS[status].includes('RESOLVED');
    case 'assign':
      return status !== 'RESOLVED';
  }
}

/** The selected incidents a bulk action would change, and those it would skip. */
export function bulkTargets(
  action: BulkIncidentAction,
  selected: readonly Pick<IncidentDto, 'id' | 'status'>[],
): { ids: string[]; skipped: number } {
  const ids = selected.filter((i) => bulkApplies(action, i.status)).map((i) => i.id);
  return { ids, skipped: selected.length - ids.length };
}

const VERB: Record<IncidentStatus, string> = {
  ACKNOWLEDGED: 'acknowledge',
  MUTED: 'mute',
  OPEN: 'unmute',
  RESOLVED: 'resolve',
};

/** "acknowledge", "acknowledge or mute", "acknowledge, mute or resolve". */
function orList(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

/**
 * A refused status change (409) in plain words. The API's message names the current status and the
 * allowed transitions ("…; allowed from OPEN: ACKNOWLEDGED, MUTED, RESOLVED"); it usually means
 * someone else changed the incident meanwhile.
 */
export function transitionConflictText(problem: ApiProblem): string {
  const match = /allowed from ([A-Z]+): (.+)$/.exec(problem.message);
  const from = match?.[1] ?? '';
  if (!match || !isIncidentStatus(from)) return problem.message;
  const allowed = match[2]
    .split(',')
    .map((s) => s.trim())
    .filter(isIncidentStatus);
  const now = `This incident is ${statusLabel(from).toLowerCase()} now — someone may have changed it meanwhile.`;
  if (allowed.length === 0) {
    return `${now} A resolved incident is final: if the rule fails again, a new incident opens.`;
  }
  return `${now} From here you can ${orList(allowed.map((s) => VERB[s]))} it.`;
}
