import type { DatasetSchema } from '@dqw/rule-engine';
import type { RecommendationDto, VersionStatus } from '@dqw/shared-types';
import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../../core/http/domain-errors';
import { DatasetAccess, MAX_SAMPLE_ROWS, RecommendationsService } from '../datasets';
import { RulesDatasets, type DatasetInfo, type DatasetSample, type OpenedDataset } from './datasets.port';

/** RulesDatasets over the datasets module's public services (DatasetAccess, RecommendationsService). */
@Injectable()
export class DatasetsAdapter extends RulesDatasets {
  constructor(
    private readonly access: DatasetAccess,
    private readonly recommendations: RecommendationsService,
  ) {
    super();
  }

  async describe(datasetId: string): Promise<DatasetInfo> {
    const d = await this.access.getDataset(datasetId);
    const schema = d.currentVersionId ? await this.access.schemaOf(d.id) : null;
    return { id: d.id, name: d.name, sensitive: d.sensitive, currentVersionId: d.currentVersionId, schema };
  }

  async versionStatus(datasetId: string, versionId: string): Promise<VersionStatus | null> {
    try {
      return (await this.access.version(await this.access.getDataset(datasetId), versionId)).status;
    } catch (e) {
      if (e instanceof NotFoundError) return null;
      throw e;
    }
  }

  async schemaByName(name: string): Promise<DatasetSchema | undefined> {
    const d = await this.access.findByName(name);
    return d?.currentVersionId ? this.access.schemaOf(d.id) : undefined;
  }

  async open(
    datasetId: string,
    opts: { versionId?: string | null; foreignDatasets?: string[] },
  ): Promise<OpenedDataset> {
    const o = await this.access.open(datasetId, {
      versionId: opts.versionId ?? undefined,
      foreignDatasets: opts.foreignDatasets,
    });
    return {
      dataset: {
        id: o.dataset.id,
        name: o.dataset.name,
        sensitive: o.dataset.sensitive,
        currentVersionId: o.dataset.currentVersionId,
        schema: o.ref.schema,
      },
      versionId: o.version.id,
      versionNumber: o.version.number,
      ref: o.ref,
      runner: o.runner,
      resolveDataset: (name) => o.resolveDataset(name),
      foreignVersions: () => o.foreignVersions(),
      close: () => o.close(),
    };
  }

  async sample(datasetId: string, limit: number): Promise<DatasetSample> {
    const s = await this.access.sampleRows(datasetId, Math.min(limit, MAX_SAMPLE_ROWS));
    return { versionId: s.versionId, schema: s.schema, rows: s.rows };
  }

  async sampleByName(name: string, limit: number): Promise<DatasetSample | undefined> {
    const d = await this.access.findByName(name);
    return d?.currentVersionId ? this.sample(d.id, limit) : undefined;
  }

  async recommendation(datasetId: string, recommendationId: string): Promise<RecommendationDto> {
    const r = await this.recommendations.get(datasetId, recommendationId);
    return {
      id: r.id,
      datasetId: r.datasetId,
      column: r.column,
      type: r.type,
      dsl: r.dsl,
      rationale: r.rationale,
      confidence: r.confidence,
      status: r.status,
    };
  }

  markRecommendationAccepted(
    datasetId: string,
    recommendationId: string,
    ruleId: string,
    dsl: string | null,
    userId: string | null,
  ): Promise<void> {
    return this.recommendations.markAccepted(datasetId, recommendationId, ruleId, dsl, userId);
  }
}
