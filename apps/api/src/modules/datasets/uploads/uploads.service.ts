import type { CsvFormat, CsvFormatOverrides, UploadResultDto } from '@dqw/shared-types';
import { MAX_CSV_RECORD_BYTES } from '@dqw/rule-engine';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { EntityManager, Repository } from 'typeorm';
import { AppConfig } from '../../../core/config/config';
import { InjectConfig } from '../../../core/config/config.module';
import { Db } from '../../../core/database/db.service';
import { ConflictError, InvalidInputError } from '../../../core/http/domain-errors';
import { FileCipher } from '../../../core/storage/file-cipher';
import { FileStore } from '../../../core/storage/file-store';
import { AuditService } from '../../audit/audit.service';
import { CsvReadProblem, readWholeCsv, sniffDialect } from '../csv/csv-inspector';
import { decoderLabel, detectEncoding, EncodingProblem } from '../csv/encoding';
import { DatasetFiles, type FileLocation } from '../dataset-files';
import { toDatasetDetailDto, toVersionDto } from '../dataset.mapper';
import { DatasetVersion } from '../entities/dataset-version.entity';
import { Dataset } from '../entities/dataset.entity';
import { ProfilingService } from '../profiling/profiling.service';
import { csvSource } from '../schema';
import { HEAD_BYTES, receiveMultipart, type ReceivedFile } from './multipart';
import { parseBool, parseCreateFields, parseVersionFields } from './upload-fields';

export interface InspectedCsv {
  format: CsvFormat;
  columns: string[];
  rowCount: number;
}

/** The first line of a file's head (decoded), for checking the sniffed delimiter. */
function firstLine(head: Buffer, encoding: FileLocation['encoding']): string {
  const text = new TextDecoder(decoderLabel(encoding)).decode(head);
  const end = text.search(/\r?\n|\r/);
  return end < 0 ? text : text.slice(0, end);
}

/** Storage path of a version's file, relative to the storage root. */
export function versionPath(datasetId: string, versionId: string, encrypted: boolean): string {
  return `datasets/${datasetId}/${versionId}.csv${encrypted ? '.enc' : ''}`;
}

/**
 * CSV uploads: stream to a temp file (hashing, encrypting when needed), check the bytes (encoding, CSV
 * dialect, every row readable), then move the file into place and record the version in one step. Any
 * failure leaves neither a file nor a row behind.
 */
@Injectable()
export class UploadsService {
  constructor(
    @InjectRepository(Dataset) private readonly datasets: Repository<Dataset>,
    @InjectRepository(DatasetVersion) private readonly versions: Repository<DatasetVersion>,
    private readonly db: Db,
    private readonly store: FileStore,
    private readonly cipher: FileCipher,
    private readonly files: DatasetFiles,
    private readonly audit: AuditService,
    private readonly profiling: ProfilingService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  private async nameTaken(name: string): Promise<boolean> {
    return (await this.datasets.countBy({ nameKey: name.trim().toLowerCase() })) > 0;
  }

  /** `POST /api/datasets` (multipart): a new dataset and its first version. */
  async createFromUpload(req: IncomingMessage, userId: string | null): Promise<UploadResultDto> {
    const upload = await receiveMultipart(req, {
      maxBytes: this.config.datasets.uploadMaxBytes,
      store: this.store,
      cipher: this.cipher,
      // Encrypt unless the client said "not sensitive" before the file: the field may still come after it.
      encrypt: (f) => parseBool('sensitive', f['sensitive']) !== false,
      beforeFile: async (f) => {
        if (f['name'] && (await this.nameTaken(f['name']))) {
          throw new ConflictError(`A dataset named "${f['name'].trim()}" already exists`);
        }
      },
    });
    const file = upload.file;
    // The temp file to remove on failure (settling the encryption replaces it).
    let temp = file?.tempPath ?? null;
    try {
      const fields = parseCreateFields(upload.fields);
      if (!file) throw new InvalidInputError('file is required (a CSV file in the "file" field)');
      if (await this.nameTaken(fields.name))
        throw new ConflictError(`A dataset named "${fields.name}" already exists`);
      const stored = await this.settleEncryption(file, fields.sensitive);
      temp = stored.tempPath;
      const inspected = await this.inspect(stored, fields.format);
      const keyColumns = fields.keyColumns;
      const missing = keyColumns.filter((k) => !inspected.columns.includes(k));
      if (missing.length) throw new InvalidInputError(`keyColumns not in the file: ${missing.join(', ')}`);

      const now = new Date();
      const dataset = this.datasets.create({
        id: randomUUID(),
        name: fields.name,
        nameKey: fields.name.toLowerCase(),
        description: fields.description,
        sourceType: 'csv',
        sensitive: fields.sensitive,
        connectionId: null,
        tableSchema: null,
        tableName: null,
        columnOverrides: {},
        nullMarkers: fields.nullMarkers,
        csvOptions: fields.format,
        keyColumns,
        ownerId: userId,
        currentVersionId: null,
        qualityScore: null,
        createdAt: now,
        updatedAt: now,
      });
      const version = this.newVersion(dataset, 1, stored, inspected, userId, now);
      await this.commit(stored, version, async (em) => {
        await em.save(dataset);
        await em.save(version);
        dataset.currentVersionId = version.id;
        await em.save(dataset);
      });
      await this.audit.record({
        action: 'dataset.create',
        entityType: 'dataset',
        entityId: dataset.id,
        summary: `Created dataset ${dataset.name} from ${stored.fileName} (${inspected.rowCount} rows)`,
        changes: {
          after: {
            name: dataset.name,
            sourceType: 'csv',
            sensitive: dataset.sensitive,
            versionId: version.id,
          },
          sha256: stored.sha256,
          sizeBytes: stored.size,
        },
      });
      await this.profiling.enqueue(version);
      return {
        dataset: toDatasetDetailDto(dataset, version, 1),
        version: toVersionDto(version),
        created: true,
        message: `Dataset ${dataset.name} created with version 1 (${inspected.rowCount} rows); profiling started`,
      };
    } catch (e) {
      if (temp) await this.store.discardTemp(temp);
      throw e;
    }
  }

  /** `POST /api/datasets/{id}/versions` (multipart): a new version, unless the bytes are already stored. */
  async addVersion(dataset: Dataset, req: IncomingMessage, userId: string | null): Promise<UploadResultDto> {
    const upload = await receiveMultipart(req, {
      maxBytes: this.config.datasets.uploadMaxBytes,
      store: this.store,
      cipher: this.cipher,
      encrypt: () => dataset.sensitive,
    });
    const file = upload.file;
    try {
      const overrides = { ...dataset.csvOptions, ...parseVersionFields(upload.fields) };
      if (!file) throw new InvalidInputError('file is required (a CSV file in the "file" field)');
      const same = await this.versions.findOneBy({ datasetId: dataset.id, sha256: file.sha256 });
      const count = await this.versions.countBy({ datasetId: dataset.id });
      const current = dataset.currentVersionId
        ? await this.versions.findOneBy({ id: dataset.currentVersionId })
        : null;
      if (same) {
        await this.store.discardTemp(file.tempPath);
        return {
          dataset: toDatasetDetailDto(dataset, current, count),
          version: toVersionDto(same),
          created: false,
          message: `These bytes are identical to version ${same.number}; no new version was created`,
        };
      }
      const inspected = await this.inspect(file, overrides);
      const now = new Date();
      const last = await this.versions.findOne({
        where: { datasetId: dataset.id },
        order: { number: 'DESC' },
      });
      const version = this.newVersion(dataset, (last?.number ?? 0) + 1, file, inspected, userId, now);
      await this.commit(file, version, async (em) => {
        await em.save(version);
        dataset.currentVersionId = version.id;
        dataset.updatedAt = now;
        await em.update(Dataset, { id: dataset.id }, { currentVersionId: version.id, updatedAt: now });
      });
      await this.audit.record({
        action: 'dataset.version.create',
        entityType: 'dataset',
        entityId: dataset.id,
        summary: `Uploaded version ${version.number} of ${dataset.name} (${inspected.rowCount} rows)`,
        changes: { versionId: version.id, number: version.number, sha256: file.sha256, sizeBytes: file.size },
      });
      await this.profiling.enqueue(version);
      return {
        dataset: toDatasetDetailDto(dataset, version, count + 1),
        version: toVersionDto(version),
        created: true,
        message: `Version ${version.number} of ${dataset.name} stored (${inspected.rowCount} rows); profiling started`,
      };
    } catch (e) {
      if (file) await this.store.discardTemp(file.tempPath);
      throw e;
    }
  }

  /** Brings an upload's temp file to its final form: encrypted for sensitive datasets, plain otherwise. */
  private async settleEncryption(file: ReceivedFile, sensitive: boolean): Promise<ReceivedFile> {
    if (file.encrypted === sensitive) return file;
    if (!file.encrypted) throw new Error('A plain temp file for a sensitive dataset'); // encrypt() prevents this
    const plainPath = this.store.tempPath('.csv');
    try {
      await pipeline(
        this.files.plaintext({ path: file.tempPath, encrypted: true }),
        createWriteStream(plainPath, { flags: 'wx', mode: 0o600 }),
      );
    } catch (e) {
      await this.store.discardTemp(plainPath);
      throw e;
    }
    await this.store.discardTemp(file.tempPath);
    return { ...file, tempPath: plainPath, encrypted: false };
  }

  /**
   * Detects the encoding (from the bytes kept in memory) and the CSV dialect, then reads every row the way
   * rule runs will. Problems are 400s naming what is wrong (and the malformed lines).
   */
  async inspect(
    file: Pick<ReceivedFile, 'tempPath' | 'encrypted' | 'head' | 'size' | 'longestLine'>,
    overrides: CsvFormatOverrides,
  ): Promise<InspectedCsv> {
    if (file.size === 0) throw new InvalidInputError('The file is empty: a CSV needs at least a header line');
    let guess;
    try {
      guess = detectEncoding(file.head, file.size <= HEAD_BYTES, overrides.encoding);
    } catch (e) {
      if (e instanceof EncodingProblem) throw new InvalidInputError(e.message);
      throw e;
    }
    // DuckDB refuses records over its line limit only after long, slow attempts: refuse them here at once.
    const limit = MAX_CSV_RECORD_BYTES * (guess.encoding.startsWith('utf-16') ? 2 : 1);
    if (file.longestLine.bytes > limit) {
      const message = `the row is longer than ${MAX_CSV_RECORD_BYTES / 1_000_000} MB, the largest row that is read`;
      throw new InvalidInputError(`Line ${file.longestLine.line}: ${message}`, {
        malformedRows: [{ line: file.longestLine.line, message }],
        totalMalformed: 1,
      });
    }
    const location: FileLocation = {
      path: file.tempPath,
      encrypted: file.encrypted,
      encoding: guess.encoding,
    };
    return this.inspectLocation(location, guess.bom, overrides, file.head);
  }

  /** Sniffs and reads a file in place (uploads, and re-reading a stored version with new options). */
  async inspectLocation(
    location: FileLocation,
    bom: boolean,
    overrides: CsvFormatOverrides,
    head?: Buffer,
  ): Promise<InspectedCsv> {
    const first = firstLine(head ?? (await this.files.head(location, HEAD_BYTES)), location.encoding);
    const session = await this.files.session('light');
    try {
      const path = session.pathFor(location, 'inspect');
      const dialect = await sniffDialect(session.runner, path, overrides, first);
      const format: CsvFormat = { ...dialect, encoding: location.encoding, bom };
      let read;
      try {
        read = await readWholeCsv(session.runner, csvSource(path, format), first);
      } catch (e) {
        if (e instanceof CsvReadProblem) {
          throw new InvalidInputError(e.message, {
            malformedRows: e.malformedRows,
            totalMalformed: e.totalMalformed,
            format,
          });
        }
        if (e instanceof EncodingProblem) throw new InvalidInputError(e.message, { format });
        throw e;
      }
      if (read.columns.length === 1 && read.columns[0] === 'column0' && read.rowCount === 0) {
        throw new InvalidInputError('The file has no header line: a CSV needs at least the column names');
      }
      return { format, columns: read.columns, rowCount: read.rowCount };
    } finally {
      session.close();
    }
  }

  private newVersion(
    dataset: Dataset,
    number: number,
    file: ReceivedFile,
    inspected: InspectedCsv,
    userId: string | null,
    now: Date,
  ): DatasetVersion {
    const id = randomUUID();
    return this.versions.create({
      id,
      datasetId: dataset.id,
      number,
      sha256: file.sha256,
      sizeBytes: file.size,
      storagePath: versionPath(dataset.id, id, file.encrypted),
      fileName: file.fileName,
      encrypted: file.encrypted,
      rowCount: inspected.rowCount,
      columns: inspected.columns.map((name) => ({
        name,
        type: 'string' as const,
        storage: 'text' as const,
        format: null,
      })),
      format: inspected.format,
      malformedRows: [],
      drift: null,
      status: 'uploaded',
      error: null,
      createdBy: userId,
      createdAt: now,
      profiledAt: null,
    });
  }

  /** File into place first, then the rows; a failed transaction takes the file back out. */
  private async commit(
    file: ReceivedFile,
    version: DatasetVersion,
    write: (em: EntityManager) => Promise<void>,
  ): Promise<void> {
    const rel = version.storagePath as string;
    await this.store.commit(file.tempPath, rel);
    try {
      await this.db.transaction(write);
    } catch (e) {
      await this.store.remove(rel).catch(() => undefined);
      throw e;
    }
  }
}
