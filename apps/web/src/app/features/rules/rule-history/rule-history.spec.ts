import { RuleVersionDto } from '@dqw/shared-types';
import { versionChanges } from './rule-history';

function version(overrides: Partial<RuleVersionDto>): RuleVersionDto {
  return {
    id: 'v',
    ruleId: 'r',
    version: 1,
    name: 'Emails present',
    description: null,
    dsl: 'NOT_NULL(email)',
    type: 'NOT_NULL',
    severity: 'MEDIUM',
    active: true,
    schedule: null,
    createdAt: '2026-01-01T00:00:00Z',
    createdBy: 'u',
    ...overrides,
  };
}

describe('versionChanges', () => {
  it('says what a version changed compared with the one before', () => {
    const v1 = version({});
    expect(versionChanges(v1, undefined)).toEqual(['Created']);
    expect(
      versionChanges(
        version({ version: 2, dsl: 'NOT_NULL(email) MOSTLY 99%', severity: 'HIGH', schedule: '0 6 * * *' }),
        v1,
      ),
    ).toEqual(['Rule text changed, severity MEDIUM → HIGH, schedule 0 6 * * *']);
    expect(versionChanges(version({ version: 2, active: false, name: 'Emails' }), v1)).toEqual([
      'Renamed from “Emails present”, deactivated',
    ]);
  });
});
