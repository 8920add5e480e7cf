import { ApiProblem } from '../../core/http/api-problem';
import { bulkTargets, incidentActions, transitionConflictText } from './incident-actions';
import { incidentFixture } from './testing/incident-fixtures';

const sorted = (set: ReadonlySet<string>) => [...set].sort();

describe('incidentActions', () => {
  it('offers exactly the transitions the API allows, plus assign and comment, to triagers', () => {
    expect(
      sorted(
        incidentActions('DataEngineer', {
          status: 'OPEN',
          allowedTransitions: ['ACKNOWLEDGED', 'MUTED', 'RESOLVED'],
        }),
      ),
    ).toEqual(['acknowledge', 'assign', 'comment', 'mute', 'resolve']);
    expect(
      sorted(incidentActions('Admin', { status: 'ACKNOWLEDGED', allowedTransitions: ['RESOLVED', 'MUTED'] })),
    ).toEqual(['assign', 'comment', 'mute', 'resolve']);
    expect(
      sorted(incidentActions('Admin', { status: 'MUTED', allowedTransitions: ['OPEN', 'MUTED'] })),
    ).toEqual(['assign', 'change-mute', 'comment', 'unmute']);
  });

  it('leaves a resolved incident with comments only, and analysts with nothing', () => {
    expect(sorted(incidentActions('Admin', { status: 'RESOLVED', allowedTransitions: [] }))).toEqual([
      'comment',
    ]);
    expect(incidentActions('Analyst', { status: 'OPEN', allowedTransitions: ['ACKNOWLEDGED'] }).size).toBe(0);
    expect(incidentActions(null, { status: 'OPEN', allowedTransitions: ['ACKNOWLEDGED'] }).size).toBe(0);
  });

  it('follows the API even when it allows less than the status suggests', () => {
    expect(sorted(incidentActions('Admin', { status: 'OPEN', allowedTransitions: [] }))).toEqual([
      'assign',
      'comment',
    ]);
  });
});

describe('bulkTargets', () => {
  const selected = [
    incidentFixture({ id: 'a', status: 'OPEN' }),
    incidentFixture({ id: 'b', status: 'ACKNOWLEDGED' }),
    incidentFixture({ id: 'c', status: 'MUTED' }),
    incidentFixture({ id: 'd', status: 'RESOLVED' }),
  ];

  it('sends each action only to the incidents it applies to, and counts the others as skipped', () => {
    expect(bulkTargets('acknowledge', selected)).toEqual({ ids: ['a'], skipped: 3 });
    expect(bulkTargets('resolve', selected)).toEqual({ ids: ['a', 'b'], skipped: 2 });
    expect(bulkTargets('mute', selected)).toEqual({ ids: ['a', 'b'], skipped: 2 });
    expect(bulkTargets('unmute', selected)).toEqual({ ids: ['c'], skipped: 3 });
    expect(bulkTargets('assign', selected)).toEqual({ ids: ['a', 'b', 'c'], skipped: 1 });
  });
});

describe('transitionConflictText', () => {
  it('turns the API’s 409 into what the incident is now and what can be done', () => {
    const problem = new ApiProblem(
      'conflict',
      409,
      'Cannot change an incident from ACKNOWLEDGED to ACKNOWLEDGED; allowed from ACKNOWLEDGED: RESOLVED, MUTED',
    );
    expect(transitionConflictText(problem)).toBe(
      'This incident is acknowledged now — someone may have changed it meanwhile. From here you can resolve or mute it.',
    );
    const resolved = new ApiProblem(
      'conflict',
      409,
      'Cannot change an incident from RESOLVED to ACKNOWLEDGED; allowed from RESOLVED: none (a resolved incident is final)',
    );
    expect(transitionConflictText(resolved)).toContain('A resolved incident is final');
    expect(transitionConflictText(new ApiProblem('conflict', 409, 'Something else.'))).toBe(
      'Something else.',
    );
  });
});
