import { INCIDENT_STATUSES } from '@dqw/shared-types';
import { ConflictError } from '../../core/http/domain-errors';
import { allowedTransitions, assertTransition } from './incident-state';

describe('incident transitions', () => {
  const legal = new Set([
    'OPEN>ACKNOWLEDGED',
    'OPEN>MUTED',
    'OPEN>RESOLVED',
    'ACKNOWLEDGED>RESOLVED',
    'ACKNOWLEDGED>MUTED',
    'MUTED>OPEN',
    'MUTED>MUTED',
  ]);

  it.each(INCIDENT_STATUSES.flatMap((from) => INCIDENT_STATUSES.map((to) => [from, to] as const)))(
    '%s → %s',
    (from, to) => {
      if (legal.has(`${from}>${to}`)) {
        expect(() => assertTransition(from, to)).not.toThrow();
        return;
      }
      let err: unknown;
      try {
        assertTransition(from, to);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ConflictError);
      const c = err as ConflictError;
      expect(c.details).toEqual({ from, to, allowed: [...allowedTransitions(from)] });
      expect(c.message).toContain(`allowed from ${from}: `);
    },
  );

  it('names the allowed transitions, and says a resolved incident is final', () => {
    expect(() => assertTransition('RESOLVED', 'ACKNOWLEDGED')).toThrow(
      'Cannot change an incident from RESOLVED to ACKNOWLEDGED; allowed from RESOLVED: none (a resolved incident is final)',
    );
    expect(() => assertTransition('MUTED', 'ACKNOWLEDGED')).toThrow('allowed from MUTED: OPEN');
    expect(() => assertTransition('ACKNOWLEDGED', 'ACKNOWLEDGED')).toThrow(
      'The incident is already ACKNOWLEDGED; allowed from ACKNOWLEDGED: RESOLVED, MUTED',
    );
  });
});
