import { checkDsl, dslErrorMessage, firesAt, nextFire, scheduleProblem } from './rule-dsl';

describe('cron schedules', () => {
  it.each([
    ['0 6 * * *'],
    ['*/15 * * * *'],
    ['0 0 1,15 * 1-5'],
    ['30 2 * jan,jul sun'],
    ['@daily'],
    ['@HOURLY'],
    ['  5   4 * * *  '],
  ])('accepts %j', (s) => expect(scheduleProblem(s)).toBeNull());

  it.each([
    ['61 * * * *', /61.*0-59/],
    ['* * *', /3 fields.*five/],
    ['0 0 * * * *', /6 fields.*five/],
    ['0 0 31 2 *', /not a valid cron expression/],
    ['*/0 * * * *', /not a valid cron expression/],
    ['H * * * *', /'H' and '\?' are not supported/],
    ['@reboot', /not a known alias/],
    ['every day', /2 fields/],
  ])('refuses %j, naming the problem', (s, problem) => expect(scheduleProblem(s)).toMatch(problem));

  it('fires exactly on matching UTC minutes', () => {
    expect(firesAt('*/5 * * * *', new Date('2030-01-01T10:05:00Z'))).toBe(true);
    expect(firesAt('*/5 * * * *', new Date('2030-01-01T10:06:00Z'))).toBe(false);
    expect(firesAt('0 6 * * *', new Date('2030-01-01T06:00:00Z'))).toBe(true);
    expect(firesAt('0 6 * * *', new Date('2030-01-01T07:00:00Z'))).toBe(false);
    expect(firesAt('@daily', new Date('2030-01-02T00:00:00Z'))).toBe(true);
    // Weekdays only: 2030-01-05 is a Saturday.
    expect(firesAt('0 9 * * 1-5', new Date('2030-01-04T09:00:00Z'))).toBe(true);
    expect(firesAt('0 9 * * 1-5', new Date('2030-01-05T09:00:00Z'))).toBe(false);
    expect(firesAt('not cron', new Date('2030-01-05T09:00:00Z'))).toBe(false);
    expect(nextFire('0 6 * * *', new Date('2030-01-01T06:00:00Z'))?.toISOString()).toBe(
      '2030-01-02T06:00:00.000Z',
    );
  });
});

describe('checkDsl', () => {
  const schema = { columns: [{ name: 'email', type: 'string' as const }], nullMarkers: [] };

  it('derives the type, canonical form and columns', () => {
    expect(checkDsl("matches(email, '@') where email != 'x' mostly 99%", schema)).toMatchObject({
      ok: true,
      type: 'MATCHES',
      canonical: "MATCHES(email, '@') WHERE email != 'x' MOSTLY 99%",
      columns: ['email'],
    });
  });

  it('reports positions for syntax and schema problems', () => {
    const syntax = checkDsl('NOT_NULL(email');
    expect(syntax.ok).toBe(false);
    const schemaErr = checkDsl('NOT_NULL(mail)', schema);
    expect(schemaErr).toMatchObject({ ok: false, errors: [{ line: 1, column: 10, length: 4 }] });
  });

  it('summarises at most three problems in the message', () => {
    const errors = Array.from({ length: 5 }, (_, i) => ({
      line: 1,
      column: i + 1,
      length: 1,
      message: `p${i}`,
    }));
    expect(dslErrorMessage(errors)).toBe(
      'The rule is not valid: line 1, column 1: p0; line 1, column 2: p1; line 1, column 3: p2 (and 2 more)',
    );
  });
});
