/** Small numeric helpers of the recommender: confidence bounds and how numbers are printed in rules. */

const Z95 = 1.96;

/**
 * Lower end of the 95% (normal-approximation) confidence interval of a proportion, as Deequ uses for
 * completeness: p − 1.96·√(p(1−p)/n), clamped to [0, 1].
 */
export function lowerBound95(p: number, n: number): number {
  if (n <= 0) return 0;
  return Math.min(1, Math.max(0, p - Z95 * Math.sqrt((p * (1 - p)) / n)));
}

/**
 * A MOSTLY percentage (text, up to two decimals) no higher than `fraction`, so a rule with it passes on
 * the data it came from: 0.96637 → `96.63`.
 */
export function mostlyText(fraction: number): string {
  const hundredths = Math.floor(fraction * 10000 + 1e-9);
  const whole = Math.floor(hundredths / 100);
  const frac = hundredths % 100;
  return frac === 0 ? String(whole) : `${whole}.${String(frac).padStart(2, '0').replace(/0$/, '')}`;
}

/** A percentage for rationales: 0.9663 → `96.6%`, 1 → `100%`. */
export function pct(fraction: number, digits = 1): string {
  if (fraction === 1) return '100%';
  if (fraction === 0) return '0%';
  const s = (fraction * 100).toFixed(digits);
  // Never print 100.0% for something below 1, or 0.0% for something above 0.
  if (Number(s) === 100) return `>${(99.9).toFixed(digits)}%`;
  if (Number(s) === 0) return `<${(0.1).toFixed(digits)}%`;
  return `${s}%`;
}

/** Thousands-separated integers for rationales. */
export function count(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** A number as DSL literal text: plain decimal notation, no exponent, no float noise. */
export function numberText(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`not a finite number: ${x}`);
  if (Number.isInteger(x) && Math.abs(x) < 1e21) return x.toFixed(0);
  const s = x.toFixed(10).replace(/0+$/, '').replace(/\.$/, '');
  return s === '-0' ? '0' : s;
}

/** Rounds down to a multiple of a "nice" step (1, 2 or 5 × 10^k) near `step`. */
export function niceFloor(x: number, step: number): number {
  const s = niceStep(step);
  return roundTo(Math.floor(x / s) * s, s);
}

export function niceCeil(x: number, step: number): number {
  const s = niceStep(step);
  return roundTo(Math.ceil(x / s) * s, s);
}

function niceStep(step: number): number {
  if (!(step > 0) || !Number.isFinite(step)) return 1;
  const k = Math.pow(10, Math.floor(Math.log10(step)));
  const m = step / k;
  return (m < 2 ? 1 : m < 5 ? 2 : 5) * k;
}

function roundTo(x: number, step: number): number {
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  return Number(x.toFixed(decimals));
}

/** Confidence grows with the evidence: 1 − 1/√n (n = 100 → 0.9, n = 1000 → 0.97). */
export function sizeFactor(n: number): number {
  return n <= 1 ? 0 : 1 - 1 / Math.sqrt(n);
}

export function clampConfidence(c: number): number {
  return Math.round(Math.min(0.99, Math.max(0.01, c)) * 100) / 100;
}
