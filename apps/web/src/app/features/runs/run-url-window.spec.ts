import { runWindowFromUrl } from './run-url-window';

describe('runWindowFromUrl', () => {
  it('takes calendar days as they are (for the form)', () => {
    expect(runWindowFromUrl('2026-01-05', '2026-01-07')).toEqual({
      fromDay: '2026-01-05',
      toDay: '2026-01-07',
    });
  });

  it('keeps exact instants for the filter and shows their local days in the form', () => {
    const from = '2026-01-05T00:00:00.000Z';
    const to = '2026-01-06T00:00:00.000Z';
    const w = runWindowFromUrl(from, to);
    expect(w.fromInstant).toBe(from);
    expect(w.toInstant).toBe(to);
    const day = (d: Date) =>
      `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    expect(w.fromDay).toBe(day(new Date(from)));
    // The end is exclusive: the form shows the day of the last millisecond inside the window.
    expect(w.toDay).toBe(day(new Date(Date.parse(to) - 1)));
  });

  it('ignores what it cannot read', () => {
    expect(runWindowFromUrl('yesterday', '2026-13-45T99')).toEqual({ fromDay: '', toDay: '' });
    expect(runWindowFromUrl(undefined, undefined)).toEqual({ fromDay: '', toDay: '' });
  });
});
