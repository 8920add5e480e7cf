import { checkSchedule, parserOf, scheduleShapeProblem } from './schedule';

describe('schedules', () => {
  it('explains a wrong number of fields and unknown shortcuts without loading the library', () => {
    expect(scheduleShapeProblem('0 6 * *')).toContain('five fields');
    expect(scheduleShapeProblem('@sometimes')).toContain('not a known shortcut');
    expect(scheduleShapeProblem('H 6 * * *')).toContain("'H' and '?'");
    expect(scheduleShapeProblem(' 0  6 * * * ')).toBeNull();
    expect(scheduleShapeProblem('@daily')).toBeNull();
  });

  it('lists the next fire times in UTC', async () => {
    const from = new Date('2026-03-01T05:30:00Z');
    const check = await checkSchedule('0 6 * * *', from);
    expect(check.problem).toBeNull();
    expect(check.next.map((d) => d.toISOString())).toEqual([
      '2026-03-01T06:00:00.000Z',
      '2026-03-02T06:00:00.000Z',
      '2026-03-03T06:00:00.000Z',
    ]);
    const hourly = await checkSchedule('@hourly', from, 2);
    expect(hourly.next.map((d) => d.toISOString())).toEqual([
      '2026-03-01T06:00:00.000Z',
      '2026-03-01T07:00:00.000Z',
    ]);
  });

  it('refuses values out of range as the API does', async () => {
    const check = await checkSchedule('61 6 * * *', new Date('2026-03-01T00:00:00Z'));
    expect(check.problem).toMatch(/^Not a valid cron expression/);
    expect(check.next).toEqual([]);
  });

  it('finds the parser class however the CommonJS module was bundled', () => {
    const parser = { parse: () => null };
    expect(parserOf({ CronExpressionParser: parser })).toBe(parser);
    expect(parserOf({ default: { CronExpressionParser: parser } })).toBe(parser);
    expect(parserOf({ default: parser })).toBe(parser);
    expect(() => parserOf({})).toThrow('the cron library did not load');
  });
});
