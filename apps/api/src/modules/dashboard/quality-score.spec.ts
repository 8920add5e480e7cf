import type { RuleType, Severity } from '@dqw/shared-types';
import { computeQualityScore, passShareOf, type FinishedStatus, type ScoreRuleInput } from './quality-score';

let n = 0;
function rule(
  datasetId: string,
  severity: Severity,
  run: [FinishedStatus, number | null] | null,
  extra: Partial<ScoreRuleInput> & { type?: RuleType } = {},
): ScoreRuleInput {
  n += 1;
  return {
    ruleId: `r${n}`,
    ruleName: `rule ${n}`,
    datasetId,
    datasetName: datasetId,
    type: 'NOT_NULL',
    severity,
    active: true,
    deleted: false,
    run: run
      ? { id: `run${n}`, status: run[0], passRate: run[1], queuedAt: '2026-01-01T00:00:00.000Z' }
      : null,
    ...extra,
  };
}

describe('the quality score', () => {
  it('is null without rules, and null for a dataset whose rules never ran', () => {
    expect(computeQualityScore([]).score).toBeNull();
    const r = computeQualityScore([rule('a', 'HIGH', null), rule('a', 'LOW', null)]);
    expect(r.score).toBeNull();
    expect(r.scoredDatasets).toBe(0);
    expect(r.datasets).toHaveLength(1);
    expect(r.datasets[0]).toMatchObject({ score: null, weight: 0, weightedPass: 0, rules: 0 });
    expect(r.datasets[0].ruleContributions?.map((c) => c.passShare)).toEqual([null, null]);
  });

  it('weighs the latest run of each rule by severity: HIGH 3, MEDIUM 2, LOW 1', () => {
    const r = computeQualityScore([
      rule('a', 'HIGH', ['failed', 0.5]),
      rule('a', 'MEDIUM', ['passed', 1]),
      rule('a', 'LOW', ['failed', 0]),
    ]);
    // (3×0.5 + 2×1 + 1×0) / 6
    expect(r.datasets[0].weight).toBe(6);
    expect(r.datasets[0].weightedPass).toBeCloseTo(3.5, 12);
    expect(r.score).toBeCloseTo((100 * 3.5) / 6, 10);
    expect(r.datasets[0].ruleContributions?.map((c) => [c.weight, c.weightedPass])).toEqual([
      [3, 1.5],
      [2, 2],
      [1, 0],
    ]);
  });

  it('counts an ERROR run as a pass share of 0, with its weight', () => {
    expect(passShareOf('error', null)).toBe(0);
    expect(passShareOf('error', 0.9)).toBe(0);
    const r = computeQualityScore([rule('a', 'HIGH', ['error', null]), rule('a', 'LOW', ['passed', 1])]);
    expect(r.score).toBeCloseTo(25, 10);
    const err = r.datasets[0].ruleContributions?.find((c) => c.run?.status === 'error');
    expect(err).toMatchObject({ passShare: 0, weight: 3, weightedPass: 0 });
  });

  it('ignores inactive and deleted rules, and rules without runs, in both sums', () => {
    const r = computeQualityScore([
      rule('a', 'MEDIUM', ['passed', 1]),
      rule('a', 'HIGH', ['failed', 0], { active: false }),
      rule('a', 'HIGH', ['failed', 0], { deleted: true }),
      rule('a', 'HIGH', null),
    ]);
    expect(r.score).toBe(100);
    expect(r.datasets[0]).toMatchObject({ weight: 2, rules: 1 });
    // Inactive and deleted rules are not even listed; a rule without a run is, contributing nothing.
    expect(r.datasets[0].ruleContributions).toHaveLength(2);
  });

  it('leaves out a dataset whose only rules are inactive or deleted', () => {
    const r = computeQualityScore([
      rule('a', 'LOW', ['passed', 1]),
      rule('b', 'LOW', ['failed', 0], { active: false }),
      rule('c', 'LOW', ['failed', 0], { deleted: true }),
    ]);
    expect(r.datasets.map((d) => d.datasetId)).toEqual(['a']);
    expect(r.score).toBe(100);
  });

  it('is the plain mean of dataset scores over datasets with runs', () => {
    const r = computeQualityScore([
      rule('a', 'HIGH', ['passed', 1]),
      rule('a', 'HIGH', ['passed', 1]),
      rule('a', 'HIGH', ['passed', 1]),
      rule('b', 'LOW', ['failed', 0.2]),
      rule('c', 'HIGH', null),
    ]);
    expect(r.scoredDatasets).toBe(2);
    // Not weighted by rule count: (100 + 20) / 2.
    expect(r.score).toBeCloseTo(60, 10);
    // Lowest first, unscored last.
    expect(r.datasets.map((d) => [d.datasetId, d.score === null ? null : Math.round(d.score)])).toEqual([
      ['b', 20],
      ['a', 100],
      ['c', null],
    ]);
  });

  it('scores each dimension the same way, restricted to its rule types', () => {
    const r = computeQualityScore([
      rule('a', 'HIGH', ['failed', 0.5], { type: 'NOT_NULL' }),
      rule('a', 'LOW', ['passed', 1], { type: 'NOT_NULL' }),
      rule('a', 'MEDIUM', ['failed', 0.25], { type: 'IN_RANGE' }),
      rule('a', 'MEDIUM', ['passed', 1], { type: 'CUSTOM' }),
      rule('b', 'LOW', ['passed', 1], { type: 'NOT_NULL' }),
      rule('b', 'LOW', ['failed', 0], { type: 'FRESHNESS' }),
      rule('b', 'LOW', ['error', null], { type: 'ROW_COUNT' }),
      rule('b', 'LOW', ['passed', 1], { type: 'FOREIGN_KEY' }),
      rule('b', 'HIGH', ['failed', 0.9], { type: 'UNIQUE' }),
    ]);
    const a = r.datasets.find((d) => d.datasetId === 'a');
    expect(a?.dimensions.completeness.score).toBeCloseTo((100 * (1.5 + 1)) / 4, 10);
    expect(a?.dimensions.validity.score).toBeCloseTo((100 * (0.5 + 2)) / 4, 10);
    expect(a?.dimensions.uniqueness).toMatchObject({ score: null, rules: 0 });
    // completeness: mean of a (62.5) and b (100).
    expect(r.dimensions.completeness).toMatchObject({ datasets: 2, rules: 3 });
    expect(r.dimensions.completeness.score).toBeCloseTo(81.25, 10);
    expect(r.dimensions.validity).toMatchObject({ datasets: 1, rules: 2 });
    expect(r.dimensions.timeliness).toMatchObject({ score: 0, datasets: 1 });
    expect(r.dimensions.volume).toMatchObject({ score: 0, datasets: 1 });
    expect(r.dimensions.consistency).toMatchObject({ score: 100, datasets: 1 });
    expect(r.dimensions.uniqueness.score).toBeCloseTo(90, 10);
  });

  it('agrees with the overall score: a dataset score is the weighted mean of its dimension parts', () => {
    const r = computeQualityScore([
      rule('a', 'HIGH', ['failed', 0.3], { type: 'UNIQUE' }),
      rule('a', 'LOW', ['passed', 1], { type: 'MATCHES' }),
      rule('a', 'MEDIUM', ['error', null], { type: 'FRESHNESS' }),
    ]);
    const d = r.datasets[0];
    const parts = Object.values(d.dimensions);
    const weight = parts.reduce((s, p) => s + p.weight, 0);
    const pass = parts.reduce((s, p) => s + p.weightedPass, 0);
    expect(weight).toBe(d.weight);
    expect((100 * pass) / weight).toBeCloseTo(d.score as number, 12);
  });

  it('omits the rule list when asked for dataset totals only', () => {
    const r = computeQualityScore([rule('a', 'LOW', ['passed', 1])], { withRules: false });
    expect(r.datasets[0].ruleContributions).toBeUndefined();
    expect(r.score).toBe(100);
  });

  it('counts a stored pass rate as is, and a missing one by the verdict', () => {
    expect(passShareOf('failed', 0.999)).toBe(0.999);
    expect(passShareOf('passed', null)).toBe(1);
    expect(passShareOf('failed', null)).toBe(0);
  });
});
