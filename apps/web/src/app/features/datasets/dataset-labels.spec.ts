import { charLabel, formatBytes, formatShare, formatStat, nameFromFile, scoreTone } from './dataset-labels';

describe('dataset labels', () => {
  it('writes sizes and shares the way people read them', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(2 * 1024 ** 3)).toBe('2 GB');
    expect(formatBytes(null)).toBe('–');
    expect(formatShare(0)).toBe('0%');
    expect(formatShare(0.1234)).toBe('12.3%');
    expect(formatShare(0.0004)).toBe('< 0.1%'); // not a misleading 0%
    expect(formatShare(0.9996)).toBe('> 99.9%');
    expect(formatShare(1)).toBe('100%');
  });

  it('names delimiters and quotes in words', () => {
    expect(charLabel(';')).toBe('Semicolon ( ; )');
    expect(charLabel('\t')).toBe('Tab');
    expect(charLabel('"')).toBe('Double quote ( " )');
    expect(charLabel('#')).toBe('“#”');
  });

  it('shows date statistics (epoch milliseconds) as dates and numbers with separators', () => {
    expect(formatStat(Date.UTC(2026, 0, 2), 'date')).toBe('2026-01-02');
    expect(formatStat(Date.UTC(2026, 0, 2, 13, 5), 'timestamp')).toBe('2026-01-02 13:05:00');
    expect(formatStat(1234.56789, 'decimal')).toBe('1,234.5679');
    expect(formatStat('2026-01-01', 'date')).toBe('2026-01-01');
    expect(formatStat(null)).toBe('–');
  });

  it('proposes a dataset name from the file name, and colours scores', () => {
    expect(nameFromFile('orders 2026.CSV')).toBe('orders 2026');
    expect(scoreTone(99)).toBe('success');
    expect(scoreTone(85)).toBe('warning');
    expect(scoreTone(40)).toBe('danger');
  });
});
