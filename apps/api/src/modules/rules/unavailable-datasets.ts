import type { DatasetSchema } from '@dqw/rule-engine';
import type { RecommendationDto } from '@dqw/shared-types';
import { NotFoundError } from '../../core/http/domain-errors';
import { RulesDatasets, type DatasetInfo, type DatasetSample, type OpenedDataset } from './datasets.port';

/** Token a test module may provide (globally) to stand in for the datasets module. */
export const RULES_DATASETS_OVERRIDE = Symbol('RULES_DATASETS_OVERRIDE');

/** Until the datasets module is wired in: every dataset is unknown. */
export class UnavailableDatasets extends RulesDatasets {
  private missing(id: string): never {
    throw new NotFoundError('Dataset', id);
  }
  describe(id: string): Promise<DatasetInfo> {
    return Promise.resolve().then(() => this.missing(id));
  }
  schemaByName(): Promise<DatasetSchema | undefined> {
    return Promise.resolve(undefined);
  }
  open(id: string): Promise<OpenedDataset> {
    return Promise.resolve().then(() => this.missing(id));
  }
  sample(id: string): Promise<DatasetSample> {
    return Promise.resolve().then(() => this.missing(id));
  }
  sampleByName(): Promise<DatasetSample | undefined> {
    return Promise.resolve(undefined);
  }
  recommendation(id: string): Promise<RecommendationDto> {
    return Promise.resolve().then(() => this.missing(id));
  }
  markRecommendationAccepted(id: string): Promise<void> {
    return Promise.resolve().then(() => this.missing(id));
  }
}
