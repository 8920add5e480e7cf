import { Injectable } from '@nestjs/common';
import type { DatasetQualityScores } from '../datasets/quality-scores.port';
import { DashboardRepository } from './dashboard.repository';
import { computeQualityScore } from './quality-score';

/** The datasets module's `qualityScore`: each dataset's current score, as the dashboard computes it. */
@Injectable()
export class DatasetScores implements DatasetQualityScores {
  constructor(private readonly repo: DashboardRepository) {}

  async scoresOf(datasetIds: string[]): Promise<Map<string, number | null>> {
    const ids = [...new Set(datasetIds)];
    if (ids.length === 0) return new Map();
    const { datasets } = computeQualityScore(await this.repo.currentRules(ids), { withRules: false });
    const byId = new Map(datasets.map((d) => [d.datasetId, d.score]));
    return new Map(ids.map((id) => [id, byId.get(id) ?? null]));
  }
}
