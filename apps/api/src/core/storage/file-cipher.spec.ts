import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { FileCipher, FileIntegrityError } from './file-cipher';

const KEY = Buffer.alloc(32, 3);
const cipher = new FileCipher(KEY, 10); // 1 KiB chunks, so small inputs cross chunk boundaries
const CHUNK = 1024;
const HEADER = 40;
const RECORD = CHUNK + 16;

/** Streams `data` in pieces of random sizes through `t`. */
async function run(data: Buffer, t: NodeJS.ReadWriteStream): Promise<Buffer> {
  const pieces: Buffer[] = [];
  for (let i = 0; i < data.length;) {
    const n = 1 + Math.floor(Math.random() * 700);
    pieces.push(data.subarray(i, i + n));
    i += n;
  }
  return buffer(Readable.from(pieces).pipe(t));
}

const encrypt = (plain: Buffer, c = cipher) => run(plain, c.encryptStream());
const decrypt = (sealed: Buffer, c = cipher) => run(sealed, c.decryptStream());

describe('FileCipher (chunked AES-256-GCM)', () => {
  it.each([0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 3 * CHUNK + 5, 50_000])(
    'round-trips %i bytes',
    async (n) => {
      const plain = randomBytes(n);
      const sealed = await encrypt(plain);
      expect(sealed.length).toBe(HEADER + Math.max(1, Math.ceil(n / CHUNK)) * 16 + n);
      expect((await decrypt(sealed)).equals(plain)).toBe(true);
    },
  );

  it('encrypts the same plaintext differently each time (a fresh salt and key per file)', async () => {
    const plain = Buffer.from('id,ssn\n1,123-45-6789\n');
    const a = await encrypt(plain);
    const b = await encrypt(plain);
    expect(a.equals(b)).toBe(false);
    expect(a.includes(Buffer.from('123-45-6789'))).toBe(false);
  });

  it('detects any single flipped byte: header, ciphertext or tag, first or last chunk', async () => {
    const plain = randomBytes(3 * CHUNK + 100);
    const sealed = await encrypt(plain);
    for (const at of [
      0,
      5,
      8,
      39,
      HEADER,
      HEADER + 500,
      HEADER + RECORD - 1,
      HEADER + RECORD + 3,
      sealed.length - 20,
      sealed.length - 1,
    ]) {
      const bad = Buffer.from(sealed);
      bad[at] ^= 0x40;
      await expect(decrypt(bad), `byte ${at}`).rejects.toBeInstanceOf(FileIntegrityError);
    }
  });

  it('detects truncation (even at a record boundary), a dropped or swapped record and appended bytes', async () => {
    const sealed = await encrypt(randomBytes(3 * CHUNK + 100));
    const records = (b: Buffer) =>
      [0, 1, 2, 3].map((i) => b.subarray(HEADER + i * RECORD, HEADER + (i + 1) * RECORD));
    const [r0, r1, r2, r3] = records(sealed);
    const head = sealed.subarray(0, HEADER);
    const cases = {
      'cut at a record boundary': sealed.subarray(0, HEADER + 2 * RECORD),
      'cut mid-record': sealed.subarray(0, sealed.length - 7),
      'header only': head,
      'half a header': sealed.subarray(0, 20),
      'a record dropped': Buffer.concat([head, r0, r2, r3]),
      'two records swapped': Buffer.concat([head, r1, r0, r2, r3]),
      'bytes appended': Buffer.concat([sealed, Buffer.from('x')]),
      'the last record dropped': Buffer.concat([head, r0, r1, r2]),
    };
    for (const [name, bad] of Object.entries(cases)) {
      await expect(decrypt(bad), name).rejects.toBeInstanceOf(FileIntegrityError);
    }
  });

  it('refuses another key and files of another format', async () => {
    const sealed = await encrypt(Buffer.from('hello'));
    await expect(decrypt(sealed, new FileCipher(Buffer.alloc(32, 4), 10))).rejects.toBeInstanceOf(
      FileIntegrityError,
    );
    await expect(decrypt(Buffer.from('id,name\n1,plain csv\n'.repeat(5)))).rejects.toThrow(/bad header/);
  });

  it('never releases the plaintext of a chunk that fails its check', async () => {
    const plain = Buffer.alloc(3 * CHUNK, 0x61);
    const sealed = await encrypt(plain);
    sealed[HEADER + RECORD + 10] ^= 1; // the second chunk
    const out: Buffer[] = [];
    const t = cipher.decryptStream();
    t.on('data', (c: Buffer) => out.push(c));
    await expect(run(sealed, t)).rejects.toBeInstanceOf(FileIntegrityError);
    expect(Buffer.concat(out).length).toBeLessThanOrEqual(CHUNK);
  });
});
