import {
  COLUMN_TYPES,
  type ColumnOverride,
  type CreateTableDatasetRequest,
  type DatasetDetailDto,
  type DatasetDto,
  type DatasetVersionDto,
  type Paged,
  type UpdateDatasetRequest,
} from '@dqw/shared-types';
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { Brackets, In, Repository } from 'typeorm';
import { Db } from '../../core/database/db.service';
import type { ExternalSource } from '../../core/engines/external-source';
import type { NativeColumn, TableName } from '../../core/engines/source-spec';
import { EventBus } from '../../core/events/event-bus';
import { ConflictError, InvalidInputError, NotFoundError } from '../../core/http/domain-errors';
import { AuditService } from '../audit/audit.service';
import { ConnectionsService, describeConnectionError } from './connections/connections.service';
import { DatasetFiles } from './dataset-files';
import { toDatasetDetailDto, toDatasetDto, toVersionDto } from './dataset.mapper';
import { DatasetVersion } from './entities/dataset-version.entity';
import { Dataset } from './entities/dataset.entity';
import { ProfilingService } from './profiling/profiling.service';
import { DATASET_QUALITY_SCORES, type DatasetQualityScores } from './quality-scores.port';
import { checkName, checkNullMarkers, DESCRIPTION_MAX, parseFormat } from './uploads/upload-fields';
import { UploadsService } from './uploads/uploads.service';
import { VersionEvents } from './version-listener';

export interface DatasetListQuery {
  page?: number;
  pageSize?: number;
  q?: string;
  sourceType?: 'csv' | 'table';
}

/** Parses `table` or `schema.table` (a whole name with a dot is tried first by the caller). */
function splitTable(name: string): TableName[] {
  const t = name.trim();
  const out: TableName[] = [{ table: t }];
  const dot = t.indexOf('.');
  if (dot > 0 && dot < t.length - 1) out.push({ schema: t.slice(0, dot), table: t.slice(dot + 1) });
  return out;
}

/** Datasets: listing, details, settings, deletion, versions; table registration. */
@Injectable()
export class DatasetsService {
  private readonly logger = new Logger(DatasetsService.name);

  constructor(
    @InjectRepository(Dataset) private readonly datasets: Repository<Dataset>,
    @InjectRepository(DatasetVersion) private readonly versions: Repository<DatasetVersion>,
    private readonly db: Db,
    private readonly files: DatasetFiles,
    private readonly connections: ConnectionsService,
    private readonly profiling: ProfilingService,
    private readonly uploads: UploadsService,
    private readonly audit: AuditService,
    private readonly events: EventBus,
    private readonly versionEvents: VersionEvents,
    @Optional() @Inject(DATASET_QUALITY_SCORES) private readonly scores?: DatasetQualityScores,
  ) {}

  /** Fills `qualityScore` from the dashboard's score (the same number the dashboard shows). */
  private async withScores<T extends { id: string; qualityScore: number | null }>(items: T[]): Promise<T[]> {
    if (!this.scores || items.length === 0) return items;
    const byId = await this.scores.scoresOf(items.map((d) => d.id));
    return items.map((d) => ({ ...d, qualityScore: byId.get(d.id) ?? null }));
  }

  async get(id: string): Promise<Dataset> {
    const d = await this.datasets.findOneBy({ id });
    if (!d) throw new NotFoundError('Dataset', id);
    return d;
  }

  async list(q: DatasetListQuery): Promise<Paged<DatasetDto>> {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    const qb = this.datasets.createQueryBuilder('d');
    if (q.q) {
      const like = `%${q.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere(
        new Brackets((w) =>
          w
            .where(`d.nameKey LIKE :like ESCAPE '\\'`, { like })
            .orWhere(`LOWER(COALESCE(d.description, '')) LIKE :like ESCAPE '\\'`, { like }),
        ),
      );
    }
    if (q.sourceType) qb.andWhere('d.sourceType = :st', { st: q.sourceType });
    const [rows, total] = await qb
      .orderBy('d.nameKey', 'ASC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    const ids = rows.map((d) => d.currentVersionId).filter((v): v is string => !!v);
    const current = ids.length ? await this.versions.findBy({ id: In(ids) }) : [];
    const byId = new Map(current.map((v) => [v.id, v]));
    return {
      items: await this.withScores(
        rows.map((d) => toDatasetDto(d, d.currentVersionId ? (byId.get(d.currentVersionId) ?? null) : null)),
      ),
      total,
      page,
      pageSize,
    };
  }

  async detail(id: string): Promise<DatasetDetailDto> {
    const d = await this.get(id);
    const v = d.currentVersionId ? await this.versions.findOneBy({ id: d.currentVersionId }) : null;
    const [detail] = await this.withScores([
      toDatasetDetailDto(d, v, await this.versions.countBy({ datasetId: id })),
    ]);
    return detail;
  }

  async listVersions(id: string, page = 1, pageSize = 50): Promise<Paged<DatasetVersionDto>> {
    await this.get(id);
    const [rows, total] = await this.versions.findAndCount({
      where: { datasetId: id },
      order: { number: 'DESC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return { items: rows.map(toVersionDto), total, page, pageSize };
  }

  async versionByNumber(dataset: Dataset, ref: string): Promise<DatasetVersion> {
    const byNumber = /^\d{1,9}$/.test(ref);
    const v = byNumber
      ? await this.versions.findOneBy({ datasetId: dataset.id, number: Number(ref) })
      : await this.versions.findOneBy({ datasetId: dataset.id, id: ref });
    if (!v) throw new NotFoundError('Version', ref);
    return v;
  }

  // ---- tables -------------------------------------------------------------------------------------------

  private async introspect(
    source: ExternalSource,
    table: string,
  ): Promise<{ name: TableName; columns: NativeColumn[] }> {
    for (const name of splitTable(table)) {
      const columns = await source.describeTable(name);
      if (columns) {
        const schema = name.schema ?? (await source.defaultSchema());
        return { name: { table: name.table, ...(schema ? { schema } : {}) }, columns };
      }
    }
    throw new InvalidInputError(`Table ${table} does not exist or is not visible to the connection's user`);
  }

  private async reach<T>(
    source: ExternalSource,
    spec: () => Parameters<typeof describeConnectionError>[1],
    fn: () => Promise<T>,
  ): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      if (e instanceof InvalidInputError) throw e;
      throw new InvalidInputError(describeConnectionError(e, spec()));
    }
  }

  /** `POST /api/datasets` (JSON): a table of a connection, its columns from introspection. */
  async registerTable(req: CreateTableDatasetRequest, userId: string | null): Promise<DatasetDetailDto> {
    const name = checkName(req.name);
    if (await this.datasets.countBy({ nameKey: name.toLowerCase() })) {
      throw new ConflictError(`A dataset named "${name}" already exists`);
    }
    const conn = await this.connections.get(req.connectionId);
    const source = this.connections.source(conn);
    const found = await this.reach(
      source,
      () => this.connections.spec(conn),
      () => this.introspect(source, req.table),
    );
    const names = found.columns.map((c) => c.name);
    const keyColumns = req.keyColumns ?? [];
    const missing = keyColumns.filter((k) => !names.includes(k));
    if (missing.length) throw new InvalidInputError(`keyColumns not in the table: ${missing.join(', ')}`);
    const description = req.description?.trim() || null;
    if (description && description.length > DESCRIPTION_MAX)
      throw new InvalidInputError(`description is too long`);
    const now = new Date();
    const dataset = this.datasets.create({
      id: randomUUID(),
      name,
      nameKey: name.toLowerCase(),
      description,
      sourceType: 'table',
      sensitive: req.sensitive ?? false,
      connectionId: conn.id,
      tableSchema: found.name.schema ?? null,
      tableName: found.name.table,
      columnOverrides: {},
      nullMarkers: checkNullMarkers(req.nullMarkers ?? []),
      csvOptions: {},
      keyColumns,
      ownerId: userId,
      currentVersionId: null,
      qualityScore: null,
      createdAt: now,
      updatedAt: now,
    });
    const version = this.tableVersion(dataset, 1, found.columns, userId, now);
    await this.db.transaction(async (em) => {
      await em.save(dataset);
      await em.save(version);
      dataset.currentVersionId = version.id;
      await em.save(dataset);
    });
    await this.audit.record({
      action: 'dataset.create',
      entityType: 'dataset',
      entityId: dataset.id,
      summary: `Registered table ${req.table} of connection ${conn.name} as dataset ${name}`,
      changes: {
        after: { name, sourceType: 'table', connectionId: conn.id, table: req.table, columns: names.length },
      },
    });
    await this.profiling.enqueue(version);
    return toDatasetDetailDto(dataset, version, 1);
  }

  private tableVersion(
    dataset: Dataset,
    number: number,
    columns: NativeColumn[],
    userId: string | null,
    now: Date,
  ): DatasetVersion {
    return this.versions.create({
      id: randomUUID(),
      datasetId: dataset.id,
      number,
      sha256: null,
      sizeBytes: null,
      storagePath: null,
      fileName: null,
      encrypted: false,
      rowCount: null,
      columns: columns.map((c) => ({
        name: c.name,
        type: c.type,
        storage: c.storage,
        nativeType: c.nativeType,
        format: null,
        ...(c.unsupported ? { unsupported: true } : {}),
      })),
      format: null,
      malformedRows: [],
      drift: null,
      status: 'uploaded',
      error: null,
      createdBy: userId,
      createdAt: now,
      profiledAt: null,
    });
  }

  /** `POST /api/datasets/{id}/versions` for a table: a new snapshot (columns re-read, profiled again). */
  async snapshotTable(dataset: Dataset, userId: string | null): Promise<DatasetVersionDto> {
    const conn = await this.connections.get(dataset.connectionId ?? '');
    const source = this.connections.source(conn);
    const columns = await this.reach(
      source,
      () => this.connections.spec(conn),
      async () => {
        const cols = await source.describeTable({
          table: dataset.tableName ?? '',
          ...(dataset.tableSchema ? { schema: dataset.tableSchema } : {}),
        });
        if (!cols)
          throw new InvalidInputError(`Table ${dataset.tableName} no longer exists or is not visible`);
        return cols;
      },
    );
    const now = new Date();
    const last = await this.versions.findOne({ where: { datasetId: dataset.id }, order: { number: 'DESC' } });
    const version = this.tableVersion(dataset, (last?.number ?? 0) + 1, columns, userId, now);
    await this.db.transaction(async (em) => {
      await em.save(version);
      await em.update(Dataset, { id: dataset.id }, { currentVersionId: version.id, updatedAt: now });
    });
    await this.audit.record({
      action: 'dataset.version.create',
      entityType: 'dataset',
      entityId: dataset.id,
      summary: `Took snapshot ${version.number} of table dataset ${dataset.name}`,
      changes: { versionId: version.id, number: version.number },
    });
    await this.profiling.enqueue(version);
    return toVersionDto(version);
  }

  // ---- settings -----------------------------------------------------------------------------------------

  /**
   * Changes name, description, type/format overrides, null markers, key columns or CSV options. Overrides
   * are checked against the current version's columns; new CSV options re-read the current file (and are
   * refused if it then can't be read). Type, marker and format changes profile the current version again.
   */
  async update(id: string, req: UpdateDatasetRequest): Promise<DatasetDetailDto> {
    if (Object.values(req).every((v) => v === undefined)) throw new InvalidInputError('Nothing to update');
    const d = await this.get(id);
    const before = {
      name: d.name,
      description: d.description,
      columnOverrides: d.columnOverrides,
      nullMarkers: d.nullMarkers,
      keyColumns: d.keyColumns,
      csvOptions: d.csvOptions,
    };
    let current = d.currentVersionId ? await this.versions.findOneBy({ id: d.currentVersionId }) : null;
    const columns = new Map((current?.columns ?? []).map((c) => [c.name, c]));
    let reprofile = false;

    if (req.name !== undefined) {
      const name = checkName(req.name);
      const other = await this.datasets.findOneBy({ nameKey: name.toLowerCase() });
      if (other && other.id !== id) throw new ConflictError(`A dataset named "${name}" already exists`);
      d.name = name;
      d.nameKey = name.toLowerCase();
    }
    if (req.description !== undefined) {
      const desc = req.description?.trim() || null;
      if (desc && desc.length > DESCRIPTION_MAX) throw new InvalidInputError('description is too long');
      d.description = desc;
    }
    if (req.columnOverrides !== undefined) {
      const next: Record<string, ColumnOverride> = { ...d.columnOverrides };
      for (const [col, o] of Object.entries(req.columnOverrides)) {
        const c = columns.get(col);
        if (!c) throw new InvalidInputError(`columnOverrides: there is no column ${col}`);
        if (o === null) {
          delete next[col];
          continue;
        }
        if (!(COLUMN_TYPES as readonly string[]).includes(o.type)) {
          throw new InvalidInputError(
            `columnOverrides.${col}.type must be one of ${COLUMN_TYPES.join(', ')}`,
          );
        }
        if (c.storage === 'native' && o.type !== c.type) {
          throw new InvalidInputError(
            `Column ${col} has the database type ${c.nativeType ?? c.type}; its type can't be overridden`,
          );
        }
        if (o.format && o.type !== 'date' && o.type !== 'timestamp') {
          throw new InvalidInputError(
            `columnOverrides.${col}.format applies to date and timestamp columns only`,
          );
        }
        if (o.format && !/^(?=.*YYYY)(?=.*MM)(?=.*DD)[YMDHms/\-.: T]{8,40}$/.test(o.format)) {
          throw new InvalidInputError(
            `columnOverrides.${col}.format must use the tokens YYYY MM DD HH mm ss (e.g. DD/MM/YYYY)`,
          );
        }
        next[col] = { type: o.type, ...(o.format ? { format: o.format } : {}) };
      }
      d.columnOverrides = next;
      reprofile = true;
    }
    if (req.nullMarkers !== undefined) {
      d.nullMarkers = checkNullMarkers(req.nullMarkers);
      reprofile = true;
    }
    if (req.keyColumns !== undefined) {
      const missing = req.keyColumns.filter((k) => !columns.has(k));
      if (missing.length) throw new InvalidInputError(`keyColumns: no column ${missing.join(', ')}`);
      d.keyColumns = [...new Set(req.keyColumns)];
    }
    if (req.csvOptions !== undefined) {
      if (d.sourceType !== 'csv') throw new InvalidInputError('csvOptions apply to CSV datasets only');
      const asFields = Object.fromEntries(
        Object.entries(req.csvOptions)
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => [k, String(v)]),
      );
      const opts = parseFormat(asFields);
      if (current?.storagePath && current.format) {
        const inspected = await this.uploads.inspectLocation(
          {
            path: this.files.store.resolve(current.storagePath),
            encrypted: current.encrypted,
            encoding: opts.encoding ?? current.format.encoding,
          },
          current.format.bom,
          opts,
        );
        current = {
          ...current,
          format: inspected.format,
          rowCount: inspected.rowCount,
          columns: inspected.columns.map(
            (name) => columns.get(name) ?? { name, type: 'string', storage: 'text', format: null },
          ),
        } as DatasetVersion;
        await this.versions.update(
          { id: current.id },
          { format: current.format, rowCount: current.rowCount, columns: current.columns },
        );
      }
      d.csvOptions = opts;
      reprofile = true;
    }
    d.updatedAt = new Date();
    await this.datasets.save(d);
    await this.audit.record({
      action: 'dataset.update',
      entityType: 'dataset',
      entityId: id,
      summary: `Updated dataset ${d.name}`,
      changes: {
        before,
        after: {
          name: d.name,
          description: d.description,
          columnOverrides: d.columnOverrides,
          nullMarkers: d.nullMarkers,
          keyColumns: d.keyColumns,
          csvOptions: d.csvOptions,
        },
      },
    });
    this.events.publish({
      type: 'dataset.updated',
      data: { datasetId: id, versionId: d.currentVersionId, status: 'updated' },
    });
    if (reprofile && current) await this.profiling.enqueue(current, String(d.updatedAt.getTime()));
    return toDatasetDetailDto(d, current, await this.versions.countBy({ datasetId: id }));
  }

  /** Deletes the dataset, its versions, profiles, recommendations and stored files. */
  async remove(id: string): Promise<void> {
    const d = await this.get(id);
    const count = await this.versions.countBy({ datasetId: id });
    await this.db.transaction(async (em) => {
      // Children first: SQLite's foreign keys may be off, so no reliance on ON DELETE CASCADE.
      await em.query(
        `DELETE FROM dataset_recommendations WHERE dataset_id = ${this.db.dialect === 'postgres' ? '$1' : '?'}`,
        [id],
      );
      await em.query(
        `DELETE FROM dataset_profiles WHERE dataset_id = ${this.db.dialect === 'postgres' ? '$1' : '?'}`,
        [id],
      );
      await em.delete(DatasetVersion, { datasetId: id });
      await em.delete(Dataset, { id });
    });
    await this.files.store
      .removeDir(`datasets/${id}`)
      .catch((e: unknown) => this.logger.warn(`files of dataset ${id} not removed: ${String(e)}`));
    await this.audit.record({
      action: 'dataset.delete',
      entityType: 'dataset',
      entityId: id,
      summary: `Deleted dataset ${d.name} and its ${count} version${count === 1 ? '' : 's'}`,
      changes: { before: { name: d.name, sourceType: d.sourceType, sensitive: d.sensitive } },
    });
    this.events.publish({
      type: 'dataset.updated',
      data: { datasetId: id, versionId: null, status: 'deleted' },
    });
    await this.versionEvents.datasetDeleted(id);
  }
}
