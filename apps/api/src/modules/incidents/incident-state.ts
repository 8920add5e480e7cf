import { INCIDENT_TRANSITIONS, type IncidentStatus, type Severity } from '@dqw/shared-types';
import { ConflictError } from '../../core/http/domain-errors';

/** Statuses of the (at most one) live incident of a rule; the unique partial index lists the same. */
export const ACTIVE_STATUSES: readonly IncidentStatus[] = ['OPEN', 'ACKNOWLEDGED', 'MUTED'];

export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { LOW: 1, MEDIUM: 2, HIGH: 3 };

/**
 * What a user may do (DESIGN §7, plus OPEN → RESOLVED for false positives). The system additionally
 * opens incidents, resolves OPEN/ACKNOWLEDGED ones when the rule passes, and ends an expired mute
 * (MUTED → OPEN if the rule still fails, MUTED → RESOLVED if it passes).
 */
export function allowedTransitions(from: IncidentStatus): readonly IncidentStatus[] {
  return INCIDENT_TRANSITIONS[from];
}

/** Throws the 409 that names the allowed transitions. Re-muting a muted incident (a new end) is allowed. */
export function assertTransition(from: IncidentStatus, to: IncidentStatus): void {
  if (from === 'MUTED' && to === 'MUTED') return;
  const allowed = allowedTransitions(from);
  if (allowed.includes(to)) return;
  const list = allowed.length ? allowed.join(', ') : 'none (a resolved incident is final)';
  const what =
    from === to ? `The incident is already ${from}` : `Cannot change an incident from ${from} to ${to}`;
  throw new ConflictError(`${what}; allowed from ${from}: ${list}`, { from, to, allowed: [...allowed] });
}
