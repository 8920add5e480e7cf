import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, type ReadStream, type WriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, unlink } from 'node:fs/promises';
import { dirname, isAbsolute, join, normalize, relative, sep } from 'node:path';
import { AppConfig } from '../config/config';
import { InjectConfig } from '../config/config.module';

const STALE_TEMP_MS = 24 * 60 * 60 * 1000;

/**
 * Files under DATA_DIR/storage. Callers name files by paths relative to this root (what the database
 * stores); anything that would resolve outside it is refused. New files are written to `tmp/` and
 * renamed into place in one step, so a reader never sees half a file.
 */
@Injectable()
export class FileStore implements OnModuleInit {
  private readonly logger = new Logger(FileStore.name);
  readonly root: string;
  readonly tempDir: string;

  constructor(@InjectConfig() config: AppConfig) {
    this.root = join(config.dataDir, 'storage');
    this.tempDir = join(this.root, 'tmp');
  }

  async onModuleInit(): Promise<void> {
    await mkdir(this.tempDir, { recursive: true, mode: 0o700 });
    await this.removeStaleTemps();
  }

  /** Absolute path of a stored file; throws for anything that leaves the root. */
  resolve(rel: string): string {
    if (!rel || isAbsolute(rel) || rel.includes('\u0000')) throw new Error(`Bad storage path: ${rel}`);
    const abs = normalize(join(this.root, rel));
    const back = relative(this.root, abs);
    if (back === '' || back.startsWith('..') || isAbsolute(back) || back.split(sep).includes('..')) {
      throw new Error(`Storage path leaves the storage root: ${rel}`);
    }
    return abs;
  }

  /** A new, private temp file (created exclusively) and its write stream. */
  createTemp(suffix = ''): { path: string; stream: WriteStream } {
    const path = join(this.tempDir, `${Date.now()}-${randomBytes(8).toString('hex')}${suffix}`);
    return { path, stream: createWriteStream(path, { flags: 'wx', mode: 0o600 }) };
  }

  tempPath(suffix = ''): string {
    return join(this.tempDir, `${Date.now()}-${randomBytes(8).toString('hex')}${suffix}`);
  }

  /** Moves a finished temp file to its place (atomic: same file system). */
  async commit(tempPath: string, rel: string): Promise<void> {
    const target = this.resolve(rel);
    await mkdir(dirname(target), { recursive: true, mode: 0o700 });
    await rename(tempPath, target);
  }

  read(rel: string): ReadStream {
    return createReadStream(this.resolve(rel));
  }

  async size(rel: string): Promise<number | null> {
    try {
      return (await stat(this.resolve(rel))).size;
    } catch {
      return null;
    }
  }

  async remove(rel: string): Promise<void> {
    await rm(this.resolve(rel), { force: true });
  }

  async removeDir(rel: string): Promise<void> {
    await rm(this.resolve(rel), { recursive: true, force: true });
  }

  async discardTemp(path: string): Promise<void> {
    await unlink(path).catch(() => undefined);
  }

  /** Leftovers of uploads cut off by a crash (live uploads in other processes are younger than a day). */
  private async removeStaleTemps(): Promise<void> {
    const now = Date.now();
    for (const name of await readdir(this.tempDir).catch(() => [] as string[])) {
      const p = join(this.tempDir, name);
      try {
        const s = await stat(p);
        if (s.isFile() && now - s.mtimeMs > STALE_TEMP_MS) await unlink(p);
      } catch (e) {
        this.logger.warn(`could not remove stale temp file ${p}: ${String(e)}`);
      }
    }
  }
}
