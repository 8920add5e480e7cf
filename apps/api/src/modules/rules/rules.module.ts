import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DATASET_VERSION_LISTENER, RulesDatasetListener } from './dataset-listener';
import { DatasetsAdapter } from './datasets.adapter';
import { RulesDatasets } from './datasets.port';
import { DatasetsModule } from '../datasets';
import { EvidenceStore } from './evidence/evidence.store';
import { IdempotencyKey } from './idempotency-key.entity';
import { IdempotencyService } from './idempotency.service';
import { RuleRunProcessors } from './jobs/rule-run.processors';
import { RecommendationAcceptance } from './recommendation-acceptance.service';
import { RecommendationsController } from './recommendations.controller';
import { RuleChecksService } from './rule-checks.service';
import { RuleVersion } from './rule-version.entity';
import { Rule } from './rule.entity';
import { RulesController } from './rules.controller';
import { RulesService } from './rules.service';
import { RuleRun } from './runs/rule-run.entity';
import { RunExecutor } from './runs/run-executor.service';
import { RunMaintenance } from './runs/run-maintenance.service';
import { RunOutcomeHooks } from './runs/run-outcome-hooks';
import { RunsController } from './runs/runs.controller';
import { RunsService } from './runs/runs.service';

/**
 * Rules, their history, validation and previews; runs on the queue, evidence, schedules (issue 5).
 * Global, so that modules this one depends on (datasets) can reach its hooks without an import cycle:
 * `DATASET_VERSION_LISTENER` (new version stored, dataset deleted) and `RunOutcomeHooks.register`
 * (react to finished runs).
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([Rule, RuleVersion, RuleRun, IdempotencyKey]), DatasetsModule],
  controllers: [RulesController, RunsController, RecommendationsController],
  providers: [
    DatasetsAdapter,
    { provide: RulesDatasets, useExisting: DatasetsAdapter },
    RulesService,
    RuleChecksService,
    RecommendationAcceptance,
    RunsService,
    RunExecutor,
    RunMaintenance,
    RunOutcomeHooks,
    RuleRunProcessors,
    EvidenceStore,
    IdempotencyService,
    RulesDatasetListener,
    { provide: DATASET_VERSION_LISTENER, useExisting: RulesDatasetListener },
  ],
  exports: [RulesService, RunsService, RunOutcomeHooks, DATASET_VERSION_LISTENER],
})
export class RulesModule {}
