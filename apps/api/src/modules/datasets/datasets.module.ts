import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EnginesModule } from '../../core/engines/engines.module';
import { ConnectionsController } from './connections/connections.controller';
import { ConnectionsService } from './connections/connections.service';
import { DatasetAccess } from './dataset-access.service';
import { DatasetFiles } from './dataset-files';
import { DatasetsController } from './datasets.controller';
import { DatasetsService } from './datasets.service';
import { DATASET_ENTITIES } from './entities';
import { ProfileVersionHandler } from './profiling/profile-version.handler';
import { ProfilingService } from './profiling/profiling.service';
import { DatasetRecommendationsController } from './recommendations/recommendations.controller';
import { RecommendationsService } from './recommendations/recommendations.service';
import { UploadsService } from './uploads/uploads.service';
import { Sealer } from './sealer';
import { VersionEvents } from './version-listener';

/**
 * Datasets (issue 4): CSV uploads and database tables, versions, encrypted storage, connections,
 * profiling on the queue, recommendations. Other modules read datasets through `DatasetAccess`.
 */
@Module({
  imports: [TypeOrmModule.forFeature(DATASET_ENTITIES), EnginesModule],
  controllers: [DatasetsController, ConnectionsController, DatasetRecommendationsController],
  providers: [
    DatasetAccess,
    DatasetFiles,
    DatasetsService,
    UploadsService,
    ConnectionsService,
    ProfilingService,
    ProfileVersionHandler,
    RecommendationsService,
    VersionEvents,
    Sealer,
  ],
  exports: [DatasetAccess, RecommendationsService, ProfilingService, EnginesModule],
})
export class DatasetsModule {}
