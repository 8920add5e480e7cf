import busboy from 'busboy';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import type { WriteStream } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { PassThrough, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FileCipher } from '../../../core/storage/file-cipher';
import type { FileStore } from '../../../core/storage/file-store';
import { InvalidInputError } from '../../../core/http/domain-errors';
import { PayloadTooLargeError, UnsupportedMediaTypeError } from '../errors';

/** The bytes kept in memory for sniffing the encoding (never written anywhere). */
export const HEAD_BYTES = 256 * 1024;

export interface ReceivedFile {
  tempPath: string;
  /** The client's file name, checked to be a plain name. */
  fileName: string;
  sha256: string;
  size: number;
  /** Whether the temp file is in the encrypted format. */
  encrypted: boolean;
  /** The first HEAD_BYTES of the plaintext. */
  head: Buffer;
  /** The longest physical line in bytes and its 1-based number (cheap check for over-long records). */
  longestLine: { line: number; bytes: number };
}

export interface ReceivedUpload {
  fields: Record<string, string>;
  file: ReceivedFile | null;
}

export interface ReceiveOptions {
  maxBytes: number;
  store: FileStore;
  cipher: FileCipher;
  /**
   * Decides, when the file part starts, whether it must be written encrypted given the fields seen so far.
   * Unknown sensitivity counts as sensitive: plaintext never lands on disk by accident.
   */
  encrypt(fieldsSoFar: Readonly<Record<string, string>>): boolean;
  /** Runs when the file part starts: throw to refuse early (e.g. a duplicate name) without reading it. */
  beforeFile?(fieldsSoFar: Readonly<Record<string, string>>): Promise<void>;
}

const FIELD_NAMES_MAX = 30;

/** A file name as sent, refused when it carries a path (`../x.csv`, `C:\\x.csv`) or control characters. */
export function checkFileName(raw: string | undefined): string {
  const name = (raw ?? '').trim();
  if (!name) return 'upload.csv';
  // eslint-disable-next-line no-control-regex
  if (/[/\\\u0000-\u001f\u007f]/.test(name) || name === '.' || name === '..') {
    throw new InvalidInputError(
      'The file name must be a plain name, without a folder path or control characters',
    );
  }
  if (name.length > 255) throw new InvalidInputError('The file name is longer than 255 characters');
  return name;
}

/** Hashes and measures what passes through, keeping the first bytes; fails past `max`. */
class Meter extends Transform {
  readonly hash = createHash('sha256');
  size = 0;
  private readonly headParts: Buffer[] = [];
  private headSize = 0;
  private line = 1;
  private lineBytes = 0;
  readonly longest = { line: 1, bytes: 0 };

  constructor(private readonly max: number) {
    super();
  }

  get head(): Buffer {
    return Buffer.concat(this.headParts);
  }

  private measureLines(chunk: Buffer): void {
    let start = 0;
    for (let nl = chunk.indexOf(10, start); nl !== -1; nl = chunk.indexOf(10, start)) {
      this.endLine(this.lineBytes + (nl - start));
      this.lineBytes = 0;
      this.line++;
      start = nl + 1;
    }
    this.lineBytes += chunk.length - start;
    if (this.lineBytes > this.longest.bytes) this.endLine(this.lineBytes);
  }

  private endLine(bytes: number): void {
    if (bytes > this.longest.bytes) {
      this.longest.bytes = bytes;
      this.longest.line = this.line;
    }
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.max) {
      cb(new PayloadTooLargeError(`The file is larger than the upload limit of ${formatBytes(this.max)}`));
      return;
    }
    this.hash.update(chunk);
    this.measureLines(chunk);
    if (this.headSize < HEAD_BYTES) {
      const part = chunk.subarray(0, HEAD_BYTES - this.headSize);
      this.headParts.push(Buffer.from(part));
      this.headSize += part.length;
    }
    cb(null, chunk);
  }
}

export function formatBytes(n: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${Number.isInteger(v) ? v : v.toFixed(1)} ${units[i]}`;
}

/**
 * Streams a multipart request: text fields into memory (small), the one `file` part through SHA-256 and,
 * when needed, encryption into a private temp file — constant memory whatever the file's size. Any failure
 * (limit exceeded, cut-off request, a second file) removes the temp file before the error propagates.
 */
export function receiveMultipart(req: IncomingMessage, opts: ReceiveOptions): Promise<ReceivedUpload> {
  const type = req.headers['content-type'] ?? '';
  if (!/^multipart\/form-data/i.test(type)) {
    return Promise.reject(new UnsupportedMediaTypeError('Send the file as multipart/form-data'));
  }
  return new Promise<ReceivedUpload>((resolve, reject) => {
    const fields: Record<string, string> = {};
    let file: ReceivedFile | null = null;
    let filePromise: Promise<void> | null = null;
    let tempPath: string | null = null;
    let tempStream: WriteStream | null = null;
    let failed: unknown = null;
    let current: PassThrough | null = null;
    let bb: busboy.Busboy;
    try {
      bb = busboy({
        headers: req.headers,
        limits: { files: 1, fields: FIELD_NAMES_MAX, fieldSize: 64 * 1024, parts: FIELD_NAMES_MAX + 1 },
        defParamCharset: 'utf8',
        // The raw name, so a path in it is refused rather than silently cut off.
        preservePath: true,
      });
    } catch {
      reject(new InvalidInputError('Malformed multipart request'));
      return;
    }

    const fail = (e: unknown) => {
      if (failed) return;
      failed = e;
      // Unblocks a file pipeline waiting for bytes that will never come.
      current?.destroy(e instanceof Error ? e : new Error(String(e)));
      req.unpipe(bb);
      // Keep reading what the client still sends, so it sees the answer instead of a reset connection.
      req.resume();
      void (async () => {
        await filePromise?.catch(() => undefined);
        // A write stream opens its file asynchronously: unlinking before it is closed could leave it behind.
        if (tempStream && !tempStream.closed) {
          tempStream.destroy();
          await once(tempStream, 'close').catch(() => undefined);
        }
        if (tempPath) await opts.store.discardTemp(tempPath);
      })().finally(() => reject(e));
    };

    bb.on('field', (name, value, info) => {
      if (info.valueTruncated) return fail(new InvalidInputError(`The field ${name} is too long`));
      if (name in fields) return fail(new InvalidInputError(`The field ${name} is sent twice`));
      fields[name] = value;
    });
    bb.on('file', (name, stream, info) => {
      if (failed) return stream.resume();
      if (name !== 'file') {
        stream.resume();
        return fail(new InvalidInputError(`Unexpected file field "${name}"; send the CSV as "file"`));
      }
      if (filePromise) {
        stream.resume();
        return fail(new InvalidInputError('Send exactly one file'));
      }
      let fileName: string;
      try {
        fileName = checkFileName(info.filename);
      } catch (e) {
        stream.resume();
        return fail(e);
      }
      const snapshot = { ...fields };
      // Nothing is read from `stream` until the checks pass; busboy waits (backpressure).
      const paused = new PassThrough();
      current = paused;
      // Destroyed with the error when the upload fails before the pipeline takes it over.
      paused.on('error', () => undefined);
      stream.on('error', (e: Error) => paused.destroy(e));
      stream.pipe(paused);
      filePromise = (async () => {
        await opts.beforeFile?.(snapshot);
        const encrypted = opts.encrypt(snapshot);
        const meter = new Meter(opts.maxBytes);
        const temp = opts.store.createTemp(encrypted ? '.enc' : '.csv');
        tempPath = temp.path;
        tempStream = temp.stream;
        const steps = encrypted
          ? [paused, meter, opts.cipher.encryptStream(), temp.stream]
          : [paused, meter, temp.stream];
        await pipeline(steps as unknown as [NodeJS.ReadableStream, NodeJS.WritableStream]);
        if ((stream as { truncated?: boolean }).truncated)
          throw new InvalidInputError('The upload was cut off');
        file = {
          tempPath: temp.path,
          fileName,
          sha256: meter.hash.digest('hex'),
          size: meter.size,
          encrypted,
          head: meter.head,
          longestLine: { ...meter.longest },
        };
      })();
      filePromise.catch((e: unknown) => {
        stream.resume();
        fail(e);
      });
    });
    bb.on('filesLimit', () => fail(new InvalidInputError('Send exactly one file')));
    bb.on('fieldsLimit', () => fail(new InvalidInputError('Too many form fields')));
    bb.on('partsLimit', () => fail(new InvalidInputError('Too many form parts')));
    bb.on('error', (e: unknown) =>
      fail(
        new InvalidInputError(
          `The upload was cut off or is malformed: ${e instanceof Error ? e.message : String(e)}`,
        ),
      ),
    );
    bb.on('close', () => {
      if (failed) return;
      void (async () => {
        try {
          await filePromise;
        } catch {
          return; // fail() already rejects
        }
        if (failed) return;
        resolve({ fields, file });
      })();
    });
    req.on('aborted', () => fail(new InvalidInputError('The upload was cut off before it finished')));
    req.on('error', (e) => fail(new InvalidInputError(`The upload failed: ${e.message}`)));
    req.pipe(bb);
  });
}
