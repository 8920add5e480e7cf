import { verdictOf } from './verdict';

describe('verdictOf', () => {
  it('passes at exactly the MOSTLY boundary and fails one row below it', () => {
    expect(verdictOf(1000, 5, '99.5')).toEqual({ passRate: 0.995, verdict: 'PASSED' });
    expect(verdictOf(1000, 6, '99.5').verdict).toBe('FAILED');
  });
  it('defaults to 100% and treats zero rows in scope as a pass', () => {
    expect(verdictOf(10, 1).verdict).toBe('FAILED');
    expect(verdictOf(0, 0)).toEqual({ passRate: 1, verdict: 'PASSED' });
  });
  it('gives dataset-level rules a 0/1 pass rate even with no rows', () => {
    expect(verdictOf(0, 1, undefined, true)).toEqual({ passRate: 0, verdict: 'FAILED' });
    expect(verdictOf(7, 0, undefined, true)).toEqual({ passRate: 1, verdict: 'PASSED' });
  });
  it('handles boundary cases that floating point gets wrong', () => {
    // 0.1 + 0.2 style error: 7/10 = 0.7 exactly at MOSTLY 70%
    expect(verdictOf(10, 3, '70').verdict).toBe('PASSED');
    expect(verdictOf(3, 1, '66.67').verdict).toBe('FAILED');
    expect(verdictOf(3, 1, '66.66').verdict).toBe('PASSED');
  });
});
