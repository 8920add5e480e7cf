import { Global, Module } from '@nestjs/common';
import { DATASET_QUALITY_SCORES } from '../datasets/quality-scores.port';
import { DashboardAggregates } from './dashboard-aggregates.service';
import { DashboardController } from './dashboard.controller';
import { DashboardRepository } from './dashboard.repository';
import { DashboardService } from './dashboard.service';
import { DatasetScores } from './dataset-scores';

/**
 * Dashboard read models (issue 7): the quality score, daily aggregates kept by a run-outcome hook,
 * trends, pass rates and the incident heatmap. Global so the datasets module (imported before it, and
 * imported by rules) can read scores through `DATASET_QUALITY_SCORES` without an import cycle.
 */
@Global()
@Module({
  controllers: [DashboardController],
  providers: [
    DashboardRepository,
    DashboardService,
    DashboardAggregates,
    DatasetScores,
    { provide: DATASET_QUALITY_SCORES, useExisting: DatasetScores },
  ],
  exports: [DATASET_QUALITY_SCORES, DashboardAggregates, DashboardService],
})
export class DashboardModule {}
