import { binValues } from './histogram';

describe('binValues', () => {
  it('splits values into equal-width bins, the last one closed', () => {
    const bins = binValues([0, 1, 2, 5, 9, 10], 2);
    expect(bins).toEqual([
      { from: 0, to: 5, count: 3 },
      { from: 5, to: 10, count: 3 },
    ]);
  });

  it('counts every finite value once and skips NaN and Infinity', () => {
    const values = [1, 2, 3, NaN, Infinity, 4, 100];
    const bins = binValues(values, 7);
    expect(bins.reduce((n, b) => n + b.count, 0)).toBe(5);
    expect(bins[0].from).toBe(1);
    expect(bins.at(-1)?.to).toBe(100);
  });

  it('gives one bin when every value is the same, and none for no values', () => {
    expect(binValues([3, 3, 3])).toEqual([{ from: 3, to: 3, count: 3 }]);
    expect(binValues([])).toEqual([]);
  });
});
