import type { CsvEncoding } from '@dqw/shared-types';
import { Injectable } from '@nestjs/common';
import { createReadStream } from 'node:fs';
import { PassThrough, pipeline, type Readable } from 'node:stream';
import { DuckdbEngine } from '../../core/engines/duckdb-engine';
import { FileCipher, FileIntegrityError } from '../../core/storage/file-cipher';
import { NotFoundError } from '../../core/http/domain-errors';
import { StoredFileError } from './errors';
import type { DatasetVersion } from './entities/dataset-version.entity';
import { FileStore } from '../../core/storage/file-store';
import { PipedRunner } from '../../core/storage/piped-runner';
import { PipeFactory } from '../../core/storage/plaintext-pipe';
import { toUtf8 } from './csv/encoding';

/** Where a CSV's bytes are and how they are stored. */
export interface FileLocation {
  /** Absolute path (a stored version or an upload's temp file). */
  path: string;
  encrypted: boolean;
  encoding: CsvEncoding;
}

/** A DuckDB session able to read stored files, directly or through pipes. */
export interface FileSession {
  runner: PipedRunner;
  /** The path DuckDB should read for a file: the file itself, or a pipe placeholder. */
  pathFor(location: FileLocation, key: string): string;
  close(): void;
}

function chain(first: Readable, ...rest: NodeJS.ReadWriteStream[]): Readable {
  if (rest.length === 0) return first;
  const out = new PassThrough();
  pipeline([first, ...rest, out] as unknown as [Readable, PassThrough], (err) => {
    if (err) out.destroy(err);
  });
  return out;
}

/**
 * Reading stored CSV files. Plain UTF-8 files are read by DuckDB directly (in parallel); encrypted files
 * and other encodings reach DuckDB through a pipe fed by the decrypting / transcoding stream.
 */
@Injectable()
export class DatasetFiles {
  constructor(
    readonly store: FileStore,
    private readonly cipher: FileCipher,
    private readonly pipes: PipeFactory,
    private readonly duckdb: DuckdbEngine,
  ) {}

  /** The plaintext bytes as uploaded (decrypted when stored encrypted). */
  plaintext(location: Pick<FileLocation, 'path' | 'encrypted'>): Readable {
    const raw = createReadStream(location.path);
    return location.encrypted ? chain(raw, this.cipher.decryptStream()) : raw;
  }

  /** UTF-8 text for DuckDB. */
  utf8(location: FileLocation): Readable {
    const plain = this.plaintext(location);
    return location.encoding === 'utf-8' ? plain : chain(plain, toUtf8(location.encoding));
  }

  /** The first `bytes` of a file's plaintext (kept in memory only). */
  async head(location: Pick<FileLocation, 'path' | 'encrypted'>, bytes: number): Promise<Buffer> {
    const parts: Buffer[] = [];
    let size = 0;
    const s = this.plaintext(location);
    try {
      for await (const chunk of s) {
        parts.push(chunk as Buffer);
        size += (chunk as Buffer).length;
        if (size >= bytes) break;
      }
    } finally {
      s.destroy();
    }
    return Buffer.concat(parts).subarray(0, bytes);
  }

  needsPipe(location: FileLocation): boolean {
    return location.encrypted || location.encoding !== 'utf-8';
  }

  /** `light`: the small DuckDB instance for one-pass checks of uploads. */
  async session(kind: 'main' | 'light' = 'main'): Promise<FileSession> {
    const duck = await this.duckdb.session(kind);
    const runner = new PipedRunner(duck, this.pipes);
    return {
      runner,
      pathFor: (location, key) =>
        this.needsPipe(location) ? runner.register(key, () => this.utf8(location)) : location.path,
      close: () => duck.close(),
    };
  }

  /**
   * A stored version's bytes as uploaded. An encrypted file is verified in full first, so a tampered file
   * fails with 409 before any byte is sent instead of as a truncated download.
   */
  async openForDownload(v: DatasetVersion): Promise<{ stream: Readable; fileName: string }> {
    if (!v.storagePath) throw new NotFoundError(`Version ${v.number} has no file (a table snapshot)`);
    const location = { path: this.store.resolve(v.storagePath), encrypted: v.encrypted };
    try {
      await this.verify(location);
    } catch (e) {
      if (e instanceof FileIntegrityError) throw new StoredFileError(e.message);
      throw e;
    }
    return { stream: this.plaintext(location), fileName: v.fileName ?? `version-${v.number}.csv` };
  }

  /** Reads a whole encrypted file once, so a download fails cleanly before any byte is sent. */
  async verify(location: Pick<FileLocation, 'path' | 'encrypted'>): Promise<void> {
    if (!location.encrypted) return;
    const s = this.plaintext(location);
    for await (const chunk of s) void chunk;
  }
}
