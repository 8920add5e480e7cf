import { DOUBLE, DuckDBInstance, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';
import type { ColumnSchema, DatasetRef, DatasetSchema } from '@dqw/rule-engine';
import type { RecommendationDto } from '@dqw/shared-types';
import { Global, Module } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NotFoundError } from '../../src/core/http/domain-errors';
import {
  RulesDatasets,
  type DatasetInfo,
  type DatasetSample,
  type OpenedDataset,
} from '../../src/modules/rules/datasets.port';
import { RULES_DATASETS_OVERRIDE } from '../../src/modules/rules/unavailable-datasets';

interface StubVersion {
  id: string;
  number: number;
  path: string;
  schema: DatasetSchema;
  csv: string;
}

interface StubDataset {
  id: string;
  name: string;
  sensitive: boolean;
  versions: StubVersion[];
}

/**
 * Stands in for the datasets module (issue 4) until it is wired in: CSV text kept in files and read by
 * a real DuckDB, so rule runs execute exactly as in production.
 */
export class StubDatasets extends RulesDatasets {
  private readonly dir = mkdtempSync(join(tmpdir(), 'dqw-rules-stub-'));
  private readonly datasets = new Map<string, StubDataset>();
  readonly recommendations = new Map<string, RecommendationDto>();
  /** Makes `open` wait, to delete a dataset "during" a run. */
  openGate: Promise<void> | null = null;

  add(input: {
    name: string;
    csv: string;
    columns: ColumnSchema[];
    sensitive?: boolean;
    keyColumns?: string[];
  }): string {
    const id = randomUUID();
    this.datasets.set(id, { id, name: input.name, sensitive: input.sensitive ?? false, versions: [] });
    this.addVersion(id, input.csv, input.columns, input.keyColumns);
    return id;
  }

  addVersion(datasetId: string, csv: string, columns: ColumnSchema[], keyColumns: string[] = []): string {
    const ds = this.get(datasetId);
    const id = randomUUID();
    const path = join(this.dir, `${id}.csv`);
    writeFileSync(path, csv);
    ds.versions.push({
      id,
      number: ds.versions.length + 1,
      path,
      csv,
      schema: { columns, nullMarkers: [], keyColumns },
    });
    return id;
  }

  remove(datasetId: string): void {
    this.datasets.delete(datasetId);
  }

  private get(id: string): StubDataset {
    const ds = this.datasets.get(id);
    if (!ds) throw new NotFoundError('Dataset', id);
    return ds;
  }

  private info(ds: StubDataset): DatasetInfo {
    const v = ds.versions[ds.versions.length - 1];
    return {
      id: ds.id,
      name: ds.name,
      sensitive: ds.sensitive,
      currentVersionId: v?.id ?? null,
      schema: v?.schema ?? null,
    };
  }

  private byName(name: string): StubDataset | undefined {
    return [...this.datasets.values()].find((d) => d.name.toLowerCase() === name.toLowerCase());
  }

  private ref(ds: StubDataset, v: StubVersion): DatasetRef {
    return { name: ds.name, schema: v.schema, source: { kind: 'csv', path: v.path } };
  }

  async describe(id: string): Promise<DatasetInfo> {
    return this.info(this.get(id));
  }

  async schemaByName(name: string): Promise<DatasetSchema | undefined> {
    return this.byName(name)?.versions.at(-1)?.schema;
  }

  async open(datasetId: string, opts: { versionId?: string | null }): Promise<OpenedDataset> {
    if (this.openGate) await this.openGate;
    const ds = this.get(datasetId);
    const v = ds.versions.find((x) => x.id === opts.versionId) ?? ds.versions[ds.versions.length - 1];
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    const used: Record<string, string | null> = {};
    return {
      dataset: this.info(ds),
      versionId: v.id,
      versionNumber: v.number,
      ref: this.ref(ds, v),
      runner: {
        dialect: 'duckdb',
        async query<Row extends Record<string, unknown>>(sql: string, params: readonly unknown[]) {
          const types = params.map((p) => (typeof p === 'number' ? DOUBLE : undefined)) as DuckDBType[];
          const reader = await conn.runAndReadAll(sql, params as DuckDBValue[], types);
          return reader.getRowObjectsJS() as Row[];
        },
      },
      resolveDataset: (name) => {
        const other = this.byName(name);
        const ov = other?.versions.at(-1);
        if (!other || !ov) return undefined;
        used[other.name] = ov.id;
        return this.ref(other, ov);
      },
      foreignVersions: () => used,
      close: async () => {
        conn.closeSync();
        instance.closeSync();
      },
    };
  }

  private sampleOf(ds: StubDataset, limit: number): DatasetSample {
    const v = ds.versions[ds.versions.length - 1];
    const [header, ...lines] = v.csv.trim().split('\n');
    const names = header.split(',');
    const rows = lines.slice(0, limit).map((l) => {
      const cells = l.split(',');
      return Object.fromEntries(names.map((n, i) => [n, cells[i] ?? null]));
    });
    return { versionId: v.id, schema: v.schema, rows };
  }

  async sample(id: string, limit: number): Promise<DatasetSample> {
    return this.sampleOf(this.get(id), limit);
  }

  async sampleByName(name: string, limit: number): Promise<DatasetSample | undefined> {
    const ds = this.byName(name);
    return ds ? this.sampleOf(ds, limit) : undefined;
  }

  async recommendation(datasetId: string, rid: string): Promise<RecommendationDto> {
    const r = this.recommendations.get(rid);
    if (!r || r.datasetId !== datasetId) throw new NotFoundError('Recommendation', rid);
    return r;
  }

  async markRecommendationAccepted(datasetId: string, rid: string): Promise<void> {
    const r = await this.recommendation(datasetId, rid);
    r.status = 'accepted';
  }
}

/** `startTestApp(kind, { extraModules: [rulesStubModule(stub)] })`. */
export function rulesStubModule(stub: StubDatasets) {
  @Global()
  @Module({
    providers: [{ provide: RULES_DATASETS_OVERRIDE, useValue: stub }],
    exports: [RULES_DATASETS_OVERRIDE],
  })
  class RulesDatasetsStubModule {}
  return RulesDatasetsStubModule;
}
