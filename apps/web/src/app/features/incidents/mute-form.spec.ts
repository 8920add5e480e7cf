import { localInputValue, muteUntil, resolveProblems } from './mute-form';

const NOW = Date.parse('2026-03-01T10:00:00Z');

describe('muteUntil', () => {
  it('turns presets into an end time and "until unmuted" into no end', () => {
    expect(muteUntil('4h', '', NOW)).toEqual({ until: '2026-03-01T14:00:00.000Z' });
    expect(muteUntil('indefinite', '', NOW)).toEqual({ until: null });
  });

  it('refuses a custom end in the past, a missing one and one more than a year away', () => {
    expect(muteUntil('custom', localInputValue(NOW - 60_000), NOW)).toEqual({
      error: 'Choose a time in the future.',
    });
    expect(muteUntil('custom', '', NOW)).toEqual({ error: 'Enter the date and time the mute should end.' });
    expect(muteUntil('custom', localInputValue(NOW + 400 * 24 * 3600_000), NOW)).toEqual({
      error: 'Choose a time within a year, or mute until someone unmutes it.',
    });
    const tomorrow = muteUntil('custom', localInputValue(NOW + 24 * 3600_000), NOW);
    expect('until' in tomorrow && Date.parse(tomorrow.until as string) - NOW).toBe(24 * 3600_000);
  });
});

describe('resolveProblems', () => {
  it('asks for a reason and a note, as the API does', () => {
    expect(resolveProblems('', ' ')).toEqual({
      reason: 'Choose why the incident is resolved.',
      note: 'Say what was done, so others can learn from it.',
    });
    expect(resolveProblems('fixed', 'Backfilled')).toEqual({});
    expect(resolveProblems('other', 'x'.repeat(10_001)).note).toContain('under 10,000');
  });
});
