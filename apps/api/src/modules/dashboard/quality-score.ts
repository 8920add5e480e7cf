import {
  QUALITY_DIMENSIONS,
  RULE_DIMENSIONS,
  SEVERITY_WEIGHTS,
  type DatasetScoreDto,
  type DimensionScoreDto,
  type QualityDimension,
  type RuleContributionDto,
  type RuleType,
  type RunStatus,
  type ScorePartDto,
  type Severity,
} from '@dqw/shared-types';

export type FinishedStatus = Extract<RunStatus, 'passed' | 'failed' | 'error'>;

/** One rule as the score sees it, with its latest finished run (by queued time) or none. */
export interface ScoreRuleInput {
  ruleId: string;
  ruleName: string;
  datasetId: string;
  datasetName: string;
  type: RuleType;
  severity: Severity;
  /** Inactive and deleted rules are ignored (callers may pass them; they never count). */
  active: boolean;
  deleted: boolean;
  run: { id: string; status: FinishedStatus; passRate: number | null; queuedAt: string } | null;
}

export interface QualityScoreResult {
  /** Mean of the dataset scores over scored datasets; null when no dataset is scored. */
  score: number | null;
  scoredDatasets: number;
  dimensions: Record<QualityDimension, DimensionScoreDto>;
  /** Every dataset with an active rule, lowest score first, unscored ones last (then by name). */
  datasets: DatasetScoreDto[];
}

export const weightOf = (severity: Severity): number => SEVERITY_WEIGHTS[severity];
export const dimensionOf = (type: RuleType): QualityDimension => RULE_DIMENSIONS[type];

/**
 * A run's pass share: its pass rate (the share of in-scope rows that passed, 0–1). An ERROR run counts
 * as 0 — a check that could not run gives no assurance about the data — and stays visible as an error in
 * the breakdown. (A PASSED run without a stored rate counts as 1, a FAILED one as 0; neither is stored.)
 */
export function passShareOf(status: FinishedStatus, passRate: number | null): number {
  if (status === 'error') return 0;
  return passRate ?? (status === 'passed' ? 1 : 0);
}

/** `100 × weightedPass / weight`, or null when nothing is weighed. */
export function scoreOf(weightedPass: number, weight: number): number | null {
  return weight > 0 ? (100 * weightedPass) / weight : null;
}

const emptyPart = (): ScorePartDto => ({ score: null, weight: 0, weightedPass: 0, rules: 0 });

function emptyDimensions<T>(make: () => T): Record<QualityDimension, T> {
  return Object.fromEntries(QUALITY_DIMENSIONS.map((d) => [d, make()])) as Record<QualityDimension, T>;
}

/**
 * THE quality score of Watchtower, the one definition every number of the dashboard follows.
 *
 * - A dataset's score (0–100) is the severity-weighted pass share of the latest finished run of each of
 *   its active rules: `100 × Σ weight·passShare / Σ weight`, with weights HIGH 3, MEDIUM 2, LOW 1 and
 *   the pass share of {@link passShareOf} (an ERROR run counts as 0). Rules without a finished run, and
 *   inactive or deleted rules, are not in either sum. A dataset none of whose active rules has run has
 *   no score (null), rather than 0 or 100.
 * - The overall score is the plain mean of the dataset scores over the datasets that have one, so a
 *   dataset with many rules weighs as much as one with few.
 * - A dimension's score is the same computation restricted to the rules of that dimension (see
 *   `RULE_DIMENSIONS`): per dataset, then the mean over the datasets that have such rules with runs.
 *
 * The daily scores of the trend apply the same formula to the rules that ran that day (each rule's last
 * run of the day, weighted by its rule version's severity then); the SQL that maintains them is generated
 * from the same constants (`aggregates.sql.ts`).
 */
export function computeQualityScore(
  rules: readonly ScoreRuleInput[],
  opts: { withRules?: boolean } = {},
): QualityScoreResult {
  const byDataset = new Map<string, { name: string; rules: ScoreRuleInput[] }>();
  for (const r of rules) {
    if (!r.active || r.deleted) continue;
    const entry = byDataset.get(r.datasetId) ?? { name: r.datasetName, rules: [] };
    entry.rules.push(r);
    byDataset.set(r.datasetId, entry);
  }

  const datasets: DatasetScoreDto[] = [];
  for (const [datasetId, { name, rules: own }] of byDataset) {
    const total = emptyPart();
    const dims = emptyDimensions(emptyPart);
    const contributions: RuleContributionDto[] = [];
    for (const r of own) {
      const weight = weightOf(r.severity);
      const dimension = dimensionOf(r.type);
      const share = r.run ? passShareOf(r.run.status, r.run.passRate) : null;
      if (share !== null) {
        for (const part of [total, dims[dimension]]) {
          part.weight += weight;
          part.weightedPass += weight * share;
          part.rules += 1;
        }
      }
      if (opts.withRules !== false) {
        contributions.push({
          ruleId: r.ruleId,
          ruleName: r.ruleName,
          type: r.type,
          dimension,
          severity: r.severity,
          weight,
          run: r.run
            ? { id: r.run.id, status: r.run.status, passRate: r.run.passRate, queuedAt: r.run.queuedAt }
            : null,
          passShare: share,
          weightedPass: share === null ? 0 : weight * share,
        });
      }
    }
    total.score = scoreOf(total.weightedPass, total.weight);
    for (const d of QUALITY_DIMENSIONS) dims[d].score = scoreOf(dims[d].weightedPass, dims[d].weight);
    contributions.sort((a, b) => a.ruleName.localeCompare(b.ruleName) || a.ruleId.localeCompare(b.ruleId));
    datasets.push({
      datasetId,
      datasetName: name,
      ...total,
      dimensions: dims,
      ...(opts.withRules !== false ? { ruleContributions: contributions } : {}),
    });
  }
  return summarise(datasets);
}

/** The overall and per-dimension means of dataset scores (also used for a day's breakdown). */
export function summarise(datasets: DatasetScoreDto[]): QualityScoreResult {
  const scored = datasets.filter((d) => d.score !== null);
  const dimensions = emptyDimensions<DimensionScoreDto>(() => ({ score: null, datasets: 0, rules: 0 }));
  for (const d of QUALITY_DIMENSIONS) {
    const withDim = datasets.filter((ds) => ds.dimensions[d].score !== null);
    dimensions[d] = {
      score: mean(withDim.map((ds) => ds.dimensions[d].score as number)),
      datasets: withDim.length,
      rules: withDim.reduce((n, ds) => n + ds.dimensions[d].rules, 0),
    };
  }
  const sorted = [...datasets].sort(
    (a, b) =>
      (a.score ?? Infinity) - (b.score ?? Infinity) ||
      a.datasetName.localeCompare(b.datasetName) ||
      a.datasetId.localeCompare(b.datasetId),
  );
  return {
    score: mean(scored.map((d) => d.score as number)),
    scoredDatasets: scored.length,
    dimensions,
    datasets: sorted,
  };
}

function mean(values: number[]): number | null {
  return values.length ? values.reduce((s, v) => s + v, 0) / values.length : null;
}
