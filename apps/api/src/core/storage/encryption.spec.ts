import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config/config';
import { Encryptor, resolveEncryptionKey } from './encryption';

describe('encryption', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dqw-enc-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('generates DATA_DIR/secret.key once, mode 0600, and reuses it', () => {
    const config = loadConfig({ DATA_DIR: dir });
    const k1 = resolveEncryptionKey(config);
    const file = join(dir, 'secret.key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const k2 = resolveEncryptionKey(config);
    expect(k2.equals(k1)).toBe(true);
    expect(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64').equals(k1)).toBe(true);
  });

  it('prefers ENCRYPTION_KEY and writes no file', () => {
    const key = Buffer.alloc(32, 9);
    const k = resolveEncryptionKey(loadConfig({ DATA_DIR: dir, ENCRYPTION_KEY: key.toString('hex') }));
    expect(k.equals(key)).toBe(true);
    expect(() => statSync(join(dir, 'secret.key'))).toThrow();
  });

  it('round-trips with AES-256-GCM and detects tampering and wrong keys', () => {
    const e = new Encryptor(Buffer.alloc(32, 1));
    const sealed = e.encryptText('connection password');
    expect(sealed).not.toContain('connection');
    expect(e.decryptText(sealed)).toBe('connection password');
    expect(e.encryptText('same')).not.toBe(e.encryptText('same'));
    const raw = Buffer.from(sealed, 'base64');
    raw[raw.length - 1] ^= 1;
    expect(() => e.decrypt(raw)).toThrow();
    expect(() => new Encryptor(Buffer.alloc(32, 2)).decryptText(sealed)).toThrow();
  });
});
