export {
  DatasetAccess,
  MAX_SAMPLE_ROWS,
  type OpenedDataset,
  type OpenOptions,
} from './dataset-access.service';
export { DatasetsModule } from './datasets.module';
export { RecommendationsService, type RecommendationView } from './recommendations/recommendations.service';
export { ProfilingService } from './profiling/profiling.service';
