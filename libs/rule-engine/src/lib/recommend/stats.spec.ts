import { lowerBound95, mostlyText, niceCeil, niceFloor, numberText, pct, sizeFactor } from './stats';

describe('recommender numbers', () => {
  it('computes the lower end of the 95% interval of a proportion', () => {
    // 970 of 1000: 0.97 − 1.96·√(0.97·0.03/1000) = 0.95943…
    expect(lowerBound95(0.97, 1000)).toBeCloseTo(0.95943, 4);
    expect(lowerBound95(1, 50)).toBe(1);
    expect(lowerBound95(0.01, 5)).toBe(0);
  });

  it('prints MOSTLY percentages rounded down so the rule passes where it came from', () => {
    expect(mostlyText(0.95943)).toBe('95.94');
    expect(mostlyText(0.965)).toBe('96.5');
    expect(mostlyText(0.9605)).toBe('96.05');
    expect(mostlyText(0.97)).toBe('97');
    expect(mostlyText(0.99999)).toBe('99.99');
  });

  it('prints numbers as plain decimals', () => {
    expect(numberText(1e6)).toBe('1000000');
    expect(numberText(0.1 + 0.2)).toBe('0.3');
    expect(numberText(-2.5)).toBe('-2.5');
    expect(numberText(1e-7)).toBe('0.0000001');
    expect(() => numberText(NaN)).toThrow();
  });

  it('rounds bounds outwards to nice steps', () => {
    expect(niceFloor(93.7, 10)).toBe(90);
    expect(niceCeil(1047, 30)).toBe(1060);
    expect(niceFloor(0.123, 0.01)).toBe(0.12);
  });

  it('formats shares for rationales without claiming 100% for less', () => {
    expect(pct(0.97)).toBe('97.0%');
    expect(pct(0.99999)).toBe('>99.9%');
    expect(pct(1)).toBe('100%');
  });

  it('grows confidence with the number of rows', () => {
    expect(sizeFactor(100)).toBeCloseTo(0.9);
    expect(sizeFactor(1)).toBe(0);
  });
});
