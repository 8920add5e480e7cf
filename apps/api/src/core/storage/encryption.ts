import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig, parseKey } from '../config/config';

export const SECRET_KEY_FILE = 'secret.key';

/**
 * The AES key: ENCRYPTION_KEY when set, otherwise DATA_DIR/secret.key, created once (mode 0600) in
 * embedded mode. `wx` makes a concurrent second process read the winner's key instead of overwriting it.
 */
export function resolveEncryptionKey(config: AppConfig): Buffer {
  if (config.encryptionKey) return config.encryptionKey;
  const file = join(config.dataDir, SECRET_KEY_FILE);
  if (!existsSync(file)) {
    mkdirSync(config.dataDir, { recursive: true });
    try {
      writeFileSync(file, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  return parseKey(file, readFileSync(file, 'utf8').trim());
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** AES-256-GCM. Output layout: iv (12) | tag (16) | ciphertext. */
export class Encryptor {
  constructor(private readonly key: Buffer) {}

  encrypt(plain: Buffer): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }

  decrypt(data: Buffer): Buffer {
    if (data.length < IV_BYTES + TAG_BYTES) throw new Error('Encrypted data is truncated');
    const decipher = createDecipheriv('aes-256-gcm', this.key, data.subarray(0, IV_BYTES));
    decipher.setAuthTag(data.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(data.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
  }

  encryptText(text: string): string {
    return this.encrypt(Buffer.from(text, 'utf8')).toString('base64');
  }

  decryptText(data: string): string {
    return this.decrypt(Buffer.from(data, 'base64')).toString('utf8');
  }
}
