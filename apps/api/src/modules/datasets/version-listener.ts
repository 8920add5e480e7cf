import { Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';

/**
 * The rules module's listener (its `DATASET_VERSION_LISTENER`, the same string), looked up at call time:
 * the rules module imports this one, so this one can't import it.
 */
const LISTENER_TOKEN = 'dqw:dataset-version-listener';

interface DatasetVersionListener {
  versionStored(datasetId: string, versionId: string, rulesCreatedBy?: Date): Promise<unknown>;
  datasetDeleted(datasetId: string): Promise<void>;
}

/** Tells the rules module about new versions (after profiling) and deleted datasets, when it is there. */
@Injectable()
export class VersionEvents {
  private readonly logger = new Logger(VersionEvents.name);

  constructor(private readonly moduleRef: ModuleRef) {}

  private listener(): DatasetVersionListener | null {
    try {
      return this.moduleRef.get<DatasetVersionListener>(LISTENER_TOKEN, { strict: false });
    } catch {
      return null;
    }
  }

  /** `storedAt`: when the version was stored; rules created after it are not part of its upload runs. */
  async versionReady(datasetId: string, versionId: string, storedAt: Date): Promise<void> {
    try {
      await this.listener()?.versionStored(datasetId, versionId, storedAt);
    } catch (e) {
      this.logger.warn(`rules were not told about version ${versionId}: ${String(e)}`);
    }
  }

  async datasetDeleted(datasetId: string): Promise<void> {
    try {
      await this.listener()?.datasetDeleted(datasetId);
    } catch (e) {
      this.logger.warn(`rules of deleted dataset ${datasetId} were not removed: ${String(e)}`);
    }
  }
}
