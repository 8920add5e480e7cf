import { isFlapping, verdictChanges } from './flapping';

const seq = (s: string) => [...s].map((c) => (c === 'P' ? 'passed' : 'failed') as 'passed' | 'failed');

describe('flapping', () => {
  it('counts switches between consecutive verdicts', () => {
    expect(verdictChanges(seq(''))).toBe(0);
    expect(verdictChanges(seq('F'))).toBe(0);
    expect(verdictChanges(seq('FFFF'))).toBe(0);
    expect(verdictChanges(seq('FP'))).toBe(1);
    expect(verdictChanges(seq('FPFP'))).toBe(3);
  });

  it('flaps at 3 changes, not at 2', () => {
    expect(isFlapping(seq('FPF'))).toEqual({ flapping: false, changes: 2 });
    expect(isFlapping(seq('FPFP'))).toEqual({ flapping: true, changes: 3 });
    expect(isFlapping(seq('PPPPFFFFPPF'))).toEqual({ flapping: true, changes: 3 });
  });

  it('only looks at the last 10 runs', () => {
    // The three switches are in the first 4 runs; the last 10 have a single switch.
    expect(isFlapping(seq('FPFPPPPPPPPPPF'))).toEqual({ flapping: false, changes: 1 });
    expect(isFlapping(seq('FPFPPPPPPP'))).toEqual({ flapping: true, changes: 3 });
    expect(isFlapping(seq('FPFPPPPPPPP'))).toEqual({ flapping: false, changes: 2 });
  });
});
