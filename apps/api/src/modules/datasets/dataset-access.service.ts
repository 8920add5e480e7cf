import type { DatasetRef, DatasetSchema, SqlRunner } from '@dqw/rule-engine';
import { duckdbDialect, dialectFor, SqlParams, sourceSql } from '@dqw/rule-engine';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { InvalidInputError, NotFoundError } from '../../core/http/domain-errors';
import { FileIntegrityError } from '../../core/storage/file-cipher';
import { StoredFileError } from './errors';
import { ConnectionsService } from './connections/connections.service';
import { DatasetFiles, type FileSession } from './dataset-files';
import { DatasetVersion } from './entities/dataset-version.entity';
import { Dataset } from './entities/dataset.entity';
import { csvSource, datasetSchema, tableSource } from './schema';

/** A dataset version opened for reading: the ref the rule engine needs and a runner that can read it. */
export interface OpenedDataset {
  dataset: Dataset;
  version: DatasetVersion;
  ref: DatasetRef;
  runner: SqlRunner;
  /**
   * A dataset named in `foreignDatasets` (case-insensitive), as of its current version, when this runner can
   * read it: files with files (one DuckDB session), tables with tables of the same connection.
   */
  resolveDataset(name: string): DatasetRef | undefined;
  /** The version each resolved foreign dataset was read at (its name → version id). */
  foreignVersions(): Record<string, string | null>;
  /** Releases the runner (DuckDB connection; pooled database sessions go back to their pool). */
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Default: the dataset's current version. */
  versionId?: string;
  /** Names of other datasets the statements will read (FOREIGN_KEY targets). */
  foreignDatasets?: string[];
}

export const MAX_SAMPLE_ROWS = 1000;

/** Raw cell text for previews: drivers' numbers, dates and booleans turned back into text. */
function cellText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (v instanceof Date) return v.toISOString();
  if (v instanceof Uint8Array) return new TextDecoder().decode(v);
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v as number | bigint | boolean);
}

/**
 * The one way other modules read a dataset's rows (issue 5's rule runs, previews, profiling): resolves
 * the version, its storage (plain file, encrypted file through a pipe, or an external table) and hands
 * back a SqlRunner for the rule engine.
 */
@Injectable()
export class DatasetAccess {
  constructor(
    @InjectRepository(Dataset) private readonly datasets: Repository<Dataset>,
    @InjectRepository(DatasetVersion) private readonly versions: Repository<DatasetVersion>,
    private readonly files: DatasetFiles,
    private readonly connections: ConnectionsService,
  ) {}

  async getDataset(id: string): Promise<Dataset> {
    const d = await this.datasets.findOneBy({ id });
    if (!d) throw new NotFoundError('Dataset', id);
    return d;
  }

  /** A dataset by name, case-insensitively (as FOREIGN_KEY names it). */
  findByName(name: string): Promise<Dataset | null> {
    return this.datasets.findOneBy({ nameKey: name.trim().toLowerCase() });
  }

  async version(dataset: Dataset, versionId?: string): Promise<DatasetVersion> {
    const id = versionId ?? dataset.currentVersionId;
    if (!id) throw new NotFoundError(`Dataset ${dataset.name} has no version yet`);
    const v = await this.versions.findOneBy({ id, datasetId: dataset.id });
    if (!v) throw new NotFoundError('Dataset version', id);
    return v;
  }

  /** The schema of the current version (columns with overrides, null markers, key columns). */
  async schemaOf(datasetId: string): Promise<DatasetSchema> {
    const d = await this.getDataset(datasetId);
    const v = d.currentVersionId ? await this.versions.findOneBy({ id: d.currentVersionId }) : null;
    return datasetSchema(d, v);
  }

  async open(datasetId: string, opts: OpenOptions = {}): Promise<OpenedDataset> {
    const dataset = await this.getDataset(datasetId);
    const version = await this.version(dataset, opts.versionId);
    const schema = datasetSchema(dataset, version);
    const foreign = new Map<string, { ref: DatasetRef; versionId: string | null }>();
    const wanted = [...new Set((opts.foreignDatasets ?? []).map((n) => n.trim().toLowerCase()))];

    if (dataset.sourceType === 'csv') {
      const session = await this.files.session();
      try {
        const ref: DatasetRef = { name: dataset.name, schema, source: this.fileSource(session, version) };
        for (const key of wanted) {
          const other = key === dataset.nameKey ? dataset : await this.findByName(key);
          if (!other || other.sourceType !== 'csv' || !other.currentVersionId) continue;
          const v =
            other.id === dataset.id ? version : await this.versions.findOneBy({ id: other.currentVersionId });
          if (!v) continue;
          foreign.set(key, {
            ref: { name: other.name, schema: datasetSchema(other, v), source: this.fileSource(session, v) },
            versionId: v.id,
          });
        }
        return this.opened(dataset, version, ref, session.runner, foreign, async () => session.close());
      } catch (e) {
        session.close();
        throw e;
      }
    }

    const conn = await this.connections.get(dataset.connectionId ?? '');
    const source = this.connections.source(conn);
    const ref: DatasetRef = { name: dataset.name, schema, source: tableSource(dataset) };
    for (const key of wanted) {
      const other = key === dataset.nameKey ? dataset : await this.findByName(key);
      if (!other || other.sourceType !== 'table' || other.connectionId !== dataset.connectionId) continue;
      const v =
        other.id === dataset.id
          ? version
          : await this.versions.findOneBy({ id: other.currentVersionId ?? '' });
      foreign.set(key, {
        ref: { name: other.name, schema: datasetSchema(other, v), source: tableSource(other) },
        versionId: v?.id ?? null,
      });
    }
    // Pooled: statements borrow a read-only session each; nothing to release per run.
    return this.opened(dataset, version, ref, source.runner, foreign, async () => undefined);
  }

  private fileSource(session: FileSession, v: DatasetVersion): DatasetRef['source'] {
    if (!v.storagePath || !v.format) throw new InvalidInputError(`Version ${v.number} has no stored file`);
    const path = session.pathFor(
      { path: this.files.store.resolve(v.storagePath), encrypted: v.encrypted, encoding: v.format.encoding },
      v.id,
    );
    return csvSource(path, v.format);
  }

  private opened(
    dataset: Dataset,
    version: DatasetVersion,
    ref: DatasetRef,
    runner: SqlRunner,
    foreign: Map<string, { ref: DatasetRef; versionId: string | null }>,
    close: () => Promise<void>,
  ): OpenedDataset {
    const used = new Map<string, { name: string; versionId: string | null }>();
    let closed = false;
    return {
      dataset,
      version,
      ref,
      runner,
      resolveDataset: (name) => {
        const key = name.trim().toLowerCase();
        const f = foreign.get(key);
        if (f) used.set(key, { name: f.ref.name, versionId: f.versionId });
        return f?.ref;
      },
      foreignVersions: () => Object.fromEntries([...used.values()].map((u) => [u.name, u.versionId])),
      close: async () => {
        if (closed) return;
        closed = true;
        await close();
      },
    };
  }

  /** The first rows of the current (or given) version as raw text, for previews (≤ 1000). */
  async sampleRows(
    datasetId: string,
    limit: number,
    versionId?: string,
  ): Promise<{ schema: DatasetSchema; versionId: string; rows: Record<string, string | null>[] }> {
    if (!Number.isInteger(limit) || limit < 0 || limit > MAX_SAMPLE_ROWS) {
      throw new InvalidInputError(`limit must be an integer from 0 to ${MAX_SAMPLE_ROWS}`);
    }
    const opened = await this.open(datasetId, { versionId });
    try {
      const { ref, runner } = opened;
      const d = dialectFor(runner.dialect);
      const p = new SqlParams();
      const cols = ref.schema.columns;
      const list = cols.length
        ? cols.map((c, i) => `${d.quoteIdent(c.name)} AS c${i}`).join(', ')
        : '1 AS one';
      const sql = `SELECT ${list} FROM ${sourceSql(d, p, ref.source)} LIMIT ${limit}`;
      const st = p.finish(d.name === 'duckdb' ? duckdbDialect : d, sql);
      let raw: Record<string, unknown>[] = [];
      try {
        if (limit > 0) raw = await runner.query(st.sql, st.params);
      } catch (e) {
        if (e instanceof FileIntegrityError) throw new StoredFileError(e.message);
        throw e;
      }
      const rows = raw.map((r) => Object.fromEntries(cols.map((c, i) => [c.name, cellText(r[`c${i}`])])));
      return { schema: ref.schema, versionId: opened.version.id, rows };
    } finally {
      await opened.close();
    }
  }
}
