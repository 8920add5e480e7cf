import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

/**
 * Files at rest: AES-256-GCM in independently authenticated chunks, so a file of any size is encrypted
 * and decrypted as a stream in constant memory, and a changed byte is caught before the plaintext of its
 * chunk is released.
 *
 * Layout: header (40 bytes) = magic `DQWE` | version 1 | log2(chunk size) | 2 zero bytes | 32-byte salt;
 * then records of `ciphertext (≤ chunk size) | tag (16)`. Each file has its own key, HKDF-SHA256(app key,
 * salt), so the record counter is a safe nonce. The additional data binds each record to the header, its
 * index and whether it is the last one, so records can't be swapped, dropped or the file truncated.
 */
const MAGIC = Buffer.from('DQWE', 'ascii');
const VERSION = 1;
const HEADER_BYTES = 40;
const TAG_BYTES = 16;
const DEFAULT_CHUNK_LOG2 = 16; // 64 KiB

export class FileIntegrityError extends Error {
  override readonly name = 'FileIntegrityError';
}

function nonce(index: number): Buffer {
  const iv = Buffer.alloc(12);
  iv.writeBigUInt64BE(BigInt(index), 4);
  return iv;
}

function aad(header: Buffer, index: number, final: boolean): Buffer {
  const b = Buffer.alloc(HEADER_BYTES + 9);
  header.copy(b, 0);
  b.writeBigUInt64BE(BigInt(index), HEADER_BYTES);
  b[HEADER_BYTES + 8] = final ? 1 : 0;
  return b;
}

/** Collects bytes and hands out fixed-size pieces without re-concatenating everything on each write. */
class ByteQueue {
  private parts: Buffer[] = [];
  length = 0;

  push(b: Buffer): void {
    if (b.length === 0) return;
    this.parts.push(b);
    this.length += b.length;
  }

  take(n: number): Buffer {
    const out = Buffer.allocUnsafe(n);
    let filled = 0;
    while (filled < n) {
      const head = this.parts[0];
      const k = Math.min(head.length, n - filled);
      head.copy(out, filled, 0, k);
      filled += k;
      if (k === head.length) this.parts.shift();
      else this.parts[0] = head.subarray(k);
    }
    this.length -= n;
    return out;
  }
}

export class FileCipher {
  constructor(
    private readonly masterKey: Buffer,
    private readonly chunkLog2 = DEFAULT_CHUNK_LOG2,
  ) {
    if (masterKey.length !== 32) throw new Error('The file key must be 32 bytes');
  }

  private fileKey(salt: Buffer): Buffer {
    return Buffer.from(hkdfSync('sha256', this.masterKey, salt, 'dqw-file-v1', 32));
  }

  /** Plaintext in, the encrypted file format out. */
  encryptStream(): Transform {
    const salt = randomBytes(32);
    const header = Buffer.concat([MAGIC, Buffer.from([VERSION, this.chunkLog2, 0, 0]), salt]);
    const key = this.fileKey(salt);
    const size = 2 ** this.chunkLog2;
    const queue = new ByteQueue();
    let index = 0;
    const seal = (plain: Buffer, final: boolean): Buffer => {
      const c = createCipheriv('aes-256-gcm', key, nonce(index));
      c.setAAD(aad(header, index, final));
      index += 1;
      return Buffer.concat([c.update(plain), c.final(), c.getAuthTag()]);
    };
    let headerSent = false;
    return new Transform({
      transform(chunk: Buffer, _enc, cb: TransformCallback) {
        if (!headerSent) {
          this.push(header);
          headerSent = true;
        }
        queue.push(chunk);
        // Keep at least one byte back: only the flush knows which record is the last.
        while (queue.length > size) this.push(seal(queue.take(size), false));
        cb();
      },
      flush(cb: TransformCallback) {
        if (!headerSent) this.push(header);
        this.push(seal(queue.take(queue.length), true));
        cb();
      },
    });
  }

  /** The encrypted file format in, plaintext out; fails with FileIntegrityError on any change. */
  decryptStream(): Transform {
    const fileKey = (salt: Buffer) => this.fileKey(salt);
    const queue = new ByteQueue();
    let header: Buffer | null = null;
    let key: Buffer | null = null;
    let record = 0;
    let index = 0;
    const open = (sealed: Buffer, final: boolean): Buffer => {
      if (!header || !key) throw new FileIntegrityError('The encrypted file has no header');
      if (sealed.length < TAG_BYTES) throw new FileIntegrityError('The encrypted file is truncated');
      const d = createDecipheriv('aes-256-gcm', key, nonce(index));
      d.setAAD(aad(header, index, final));
      d.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
      const plain = d.update(sealed.subarray(0, sealed.length - TAG_BYTES));
      try {
        d.final();
      } catch {
        throw new FileIntegrityError(
          `The encrypted file failed its integrity check at chunk ${index} (changed, truncated or another key)`,
        );
      }
      index += 1;
      return plain;
    };
    const readHeader = (): void => {
      const h = queue.take(HEADER_BYTES);
      if (!h.subarray(0, 4).equals(MAGIC) || h[4] !== VERSION || h[5] < 10 || h[5] > 24) {
        throw new FileIntegrityError('Not an encrypted file of this application (bad header)');
      }
      header = h;
      key = fileKey(h.subarray(8, 40));
      record = 2 ** h[5] + TAG_BYTES;
    };
    return new Transform({
      transform(chunk: Buffer, _enc, cb: TransformCallback) {
        try {
          queue.push(chunk);
          if (!header && queue.length >= HEADER_BYTES) readHeader();
          // A record is known not to be the last only once a byte of the next one has arrived.
          while (header && queue.length > record) this.push(open(queue.take(record), false));
          cb();
        } catch (e) {
          cb(e as Error);
        }
      },
      flush(cb: TransformCallback) {
        try {
          if (!header) {
            if (queue.length < HEADER_BYTES) throw new FileIntegrityError('The encrypted file is truncated');
            readHeader();
          }
          this.push(open(queue.take(queue.length), true));
          cb();
        } catch (e) {
          cb(e as Error);
        }
      },
    });
  }
}
