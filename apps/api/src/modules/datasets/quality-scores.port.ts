/**
 * String token, so the datasets module can read quality scores without importing the dashboard module
 * (which provides it, globally): `@Optional() @Inject(DATASET_QUALITY_SCORES) scores?: DatasetQualityScores`.
 */
export const DATASET_QUALITY_SCORES = 'dqw:dataset-quality-scores';

export interface DatasetQualityScores {
  /** The current quality score (0–100) of each dataset; null when none of its active rules has run. */
  scoresOf(datasetIds: string[]): Promise<Map<string, number | null>>;
}
