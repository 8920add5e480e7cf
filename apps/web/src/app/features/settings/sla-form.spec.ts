import {
  formatMinutes,
  policiesFromRows,
  rowsFromPolicies,
  slaRowProblems,
  toDuration,
  toMinutes,
} from './sla-form';

describe('SLA durations', () => {
  it('shows minutes in the largest unit that holds them exactly', () => {
    expect(toDuration(60)).toEqual({ amount: 1, unit: 'hours' });
    expect(toDuration(4320)).toEqual({ amount: 3, unit: 'days' });
    expect(toDuration(90)).toEqual({ amount: 90, unit: 'minutes' });
    expect(toMinutes({ amount: 7, unit: 'days' })).toBe(10080);
    expect(formatMinutes(60)).toBe('1 hour');
    expect(formatMinutes(10080)).toBe('7 days');
  });

  it('round-trips the API’s policies, most severe first', () => {
    const policies = [
      { severity: 'LOW' as const, ackMinutes: 1440, resolveMinutes: 10080 },
      { severity: 'HIGH' as const, ackMinutes: 60, resolveMinutes: 1440 },
      { severity: 'MEDIUM' as const, ackMinutes: 240, resolveMinutes: 4320 },
    ];
    const rows = rowsFromPolicies(policies);
    expect(rows.map((r) => r.severity)).toEqual(['HIGH', 'MEDIUM', 'LOW']);
    expect(policiesFromRows(rows)).toEqual([policies[1], policies[2], policies[0]]);
  });

  it('names what the API would refuse, next to the field', () => {
    const row = (ack: number, resolve: number, unit: 'minutes' | 'hours' | 'days' = 'hours') => ({
      severity: 'HIGH' as const,
      ack: { amount: ack, unit },
      resolve: { amount: resolve, unit },
    });
    expect(slaRowProblems(row(1, 24))).toEqual({});
    expect(slaRowProblems(row(0, 24)).ack).toBe('Enter a whole number, at least 1.');
    expect(slaRowProblems(row(1.5, 24)).ack).toBe('Enter a whole number, at least 1.');
    expect(slaRowProblems(row(Number.NaN, 24)).ack).toBe('Enter a whole number, at least 1.');
    expect(slaRowProblems(row(1, 400, 'days')).resolve).toBe('At most 366 days.');
    expect(slaRowProblems(row(5, 2)).resolve).toContain('at least as long');
  });
});
