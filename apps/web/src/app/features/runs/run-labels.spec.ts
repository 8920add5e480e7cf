import {
  formatDuration,
  formatPassRate,
  isActive,
  isStaleRun,
  runStatusBadge,
  triggerLabel,
} from './run-labels';

describe('run labels', () => {
  it('tells an older picture of a run from a newer one', () => {
    expect(isStaleRun({ id: 'a', status: 'failed' }, { id: 'a', status: 'queued' })).toBe(true);
    expect(isStaleRun({ id: 'a', status: 'running' }, { id: 'a', status: 'queued' })).toBe(true);
    expect(isStaleRun({ id: 'a', status: 'running' }, { id: 'a', status: 'passed' })).toBe(false);
    expect(isStaleRun({ id: 'a', status: 'failed' }, { id: 'b', status: 'queued' })).toBe(false);
    expect(isStaleRun(undefined, { id: 'a', status: 'queued' })).toBe(false);
  });

  it('never rounds a failing pass rate up to 100 % or a passing share down to 0 %', () => {
    expect(formatPassRate(1)).toBe('100 %');
    expect(formatPassRate(0)).toBe('0 %');
    expect(formatPassRate(0.99996)).toBe('99.9 %');
    expect(formatPassRate(0.00001)).toBe('0.1 %');
    expect(formatPassRate(2 / 3)).toBe('66.7 %');
    expect(formatPassRate(null)).toBe('—');
  });

  it('says durations in the unit that reads best', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(4200)).toBe('4.2 s');
    expect(formatDuration(42_000)).toBe('42 s');
    expect(formatDuration(185_000)).toBe('3 min 5 s');
    expect(formatDuration(7_440_000)).toBe('2 h 4 min');
    expect(formatDuration(null)).toBe('—');
  });

  it('names triggers and statuses in words', () => {
    expect(triggerLabel('upload')).toBe('After upload');
    expect(triggerLabel('manual')).toBe('On demand');
    expect(runStatusBadge('failed')).toBe('badge-soft-danger');
    expect(isActive({ status: 'queued' })).toBe(true);
    expect(isActive({ status: 'error' })).toBe(false);
  });
});
