import { Injectable, Logger } from '@nestjs/common';
import { RulesService } from './rules.service';
import { RunsService } from './runs/runs.service';

/**
 * String token, so the datasets module can inject the listener without importing the rules module
 * (which imports datasets): `@Optional() @Inject(DATASET_VERSION_LISTENER) listener?: DatasetVersionListener`.
 */
export const DATASET_VERSION_LISTENER = 'dqw:dataset-version-listener';

/** What the datasets module tells rules about. */
export interface DatasetVersionListener {
  /**
   * A new version is current and its schema final (call it after profiling settled the column types:
   * runs read the version with the schema it has when they start). Queues runs of the dataset's active
   * rules (trigger `upload`), one job for all of them. Idempotent per version; never throws for a
   * queue outage (the runs wait in the database and are re-queued). `rulesCreatedBy`: only rules created
   * by then (the upload time) run — a rule created while the version was being profiled is run by
   * whoever created it, not a second time by the upload.
   */
  versionStored(
    datasetId: string,
    versionId: string,
    rulesCreatedBy?: Date,
  ): Promise<{ id: string; ruleId: string }[]>;
  /** The dataset was deleted: its rules are deleted too (soft: their runs and history are kept). */
  datasetDeleted(datasetId: string): Promise<void>;
}

@Injectable()
export class RulesDatasetListener implements DatasetVersionListener {
  private readonly logger = new Logger(RulesDatasetListener.name);

  constructor(
    private readonly runs: RunsService,
    private readonly rules: RulesService,
  ) {}

  versionStored(
    datasetId: string,
    versionId: string,
    rulesCreatedBy?: Date,
  ): Promise<{ id: string; ruleId: string }[]> {
    return this.runs.enqueueForVersion(datasetId, versionId, 'upload', rulesCreatedBy);
  }

  async datasetDeleted(datasetId: string): Promise<void> {
    const n = await this.rules.removeForDataset(datasetId);
    if (n) this.logger.log(`deleted ${n} rule(s) of deleted dataset ${datasetId}`);
  }
}
