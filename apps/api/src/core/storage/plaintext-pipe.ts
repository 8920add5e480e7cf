import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { constants, openSync } from 'node:fs';
import { mkdir, rm, unlink } from 'node:fs/promises';
import { Socket } from 'node:net';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { promisify } from 'node:util';

const run = promisify(execFile);
const POLL_MIN_MS = 1;
const POLL_MAX_MS = 20;

/** A named pipe that serves one stream to the first reader, then disappears. */
export interface ServedPipe {
  readonly path: string;
  /** Resolves when the stream was delivered (or the reader hung up early); rejects when the source failed. */
  readonly done: Promise<{ opened: boolean; delivered: boolean }>;
  /** Stops waiting for a reader (the statement finished without opening the pipe). */
  cancel(): void;
}

const wait = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** EPIPE/ECONNRESET: the reader stopped early (e.g. a LIMIT query) — not an error of the source. */
function readerHungUp(e: unknown): boolean {
  const code = (e as { code?: string } | null)?.code;
  return code === 'EPIPE' || code === 'ECONNRESET' || code === 'ERR_STREAM_DESTROYED';
}

/**
 * Named pipes through which DuckDB reads decrypted or transcoded files: the bytes pass through kernel
 * memory only, so plaintext of a sensitive file never touches the disk. Each pipe serves exactly one
 * reader; its name is unlinked as soon as the reader is attached, so a second open fails loudly instead
 * of sharing (and splitting) the stream.
 */
export class PipeFactory {
  constructor(private readonly dir: string) {}

  async serve(source: () => Readable): Promise<ServedPipe> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const path = join(this.dir, `p-${randomBytes(12).toString('hex')}`);
    await run('mkfifo', ['-m', '600', path]);
    let cancelled = false;
    const done = (async (): Promise<{ opened: boolean; delivered: boolean }> => {
      let fd: number | undefined;
      let delay = POLL_MIN_MS;
      // A non-blocking open for writing succeeds only once a reader has the pipe open (ENXIO before), so
      // no thread of the pool is parked in a blocking open() while DuckDB has not reached the file yet.
      while (fd === undefined) {
        if (cancelled) {
          await unlink(path).catch(() => undefined);
          return { opened: false, delivered: false };
        }
        try {
          fd = openSync(path, constants.O_WRONLY | constants.O_NONBLOCK);
        } catch (e) {
          if ((e as { code?: string }).code !== 'ENXIO') throw e;
          await wait(delay);
          delay = Math.min(POLL_MAX_MS, delay * 2);
        }
      }
      await unlink(path).catch(() => undefined);
      const sink = new Socket({ fd, readable: false, writable: true });
      const src = source();
      return new Promise((resolve, reject) => {
        let settled = false;
        const finish = (err?: unknown) => {
          if (settled) return;
          settled = true;
          if (err && !readerHungUp(err)) {
            sink.destroy();
            src.destroy();
            reject(err instanceof Error ? err : new Error(String(err)));
            return;
          }
          src.destroy();
          resolve({ opened: true, delivered: !err });
        };
        src.on('error', finish);
        sink.on('error', finish);
        sink.on('finish', () => finish());
        src.pipe(sink);
      });
    })();
    // Callers always await `done`; this only keeps an unobserved failure from crashing the process.
    done.catch(() => undefined);
    return {
      path,
      done,
      cancel: () => {
        cancelled = true;
      },
    };
  }

  async removeAll(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }

  /** Nest calls this on shutdown (the factory is a provider). */
  async onApplicationShutdown(): Promise<void> {
    await this.removeAll();
  }
}
