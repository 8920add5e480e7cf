import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@dqw/shared-types';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../core/config/config';
import { InjectConfig } from '../../core/config/config.module';
import { isCommonPassword } from '../../core/config/common-passwords';
import { InvalidInputError } from '../../core/http/domain-errors';

const R = 8;
const P = 1;
const KEY_LEN = 32;

function derive(password: string, salt: Buffer, logN: number): Promise<Buffer> {
  const N = 2 ** logN;
  return new Promise((resolve, reject) =>
    scrypt(password, salt, KEY_LEN, { N, r: R, p: P, maxmem: 256 * N * R }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

/** The password rule, as a message or null (length-based, plus a short common-password list). */
export function passwordProblem(password: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH)
    return `Password must be at least ${PASSWORD_MIN_LENGTH} characters long`;
  if (password.length > PASSWORD_MAX_LENGTH)
    return `Password must be at most ${PASSWORD_MAX_LENGTH} characters long`;
  if (isCommonPassword(password)) return 'Password is too common; choose another';
  return null;
}

/**
 * scrypt (memory-hard) hashes in the form `scrypt$<log2 N>$<r>$<p>$<salt>$<key>`, so the cost can be
 * raised later without invalidating existing hashes.
 */
@Injectable()
export class PasswordHasher {
  private dummy: Promise<string> | null = null;

  constructor(@InjectConfig() private readonly config: AppConfig) {}

  assertAcceptable(password: string, field = 'password'): void {
    const problem = passwordProblem(password);
    if (problem) throw new InvalidInputError(problem, [{ field, messages: [problem] }]);
  }

  async hash(password: string): Promise<string> {
    const salt = randomBytes(16);
    const logN = this.config.passwordScryptCost;
    const key = await derive(password, salt, logN);
    return ['scrypt', logN, R, P, salt.toString('base64'), key.toString('base64')].join('$');
  }

  async verify(password: string, stored: string): Promise<boolean> {
    const parts = stored.split('$');
    if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
    const logN = Number(parts[1]);
    if (!Number.isInteger(logN) || logN < 1 || logN > 22) return false;
    const expected = Buffer.from(parts[5], 'base64');
    const key = await derive(password, Buffer.from(parts[4], 'base64'), logN);
    return key.length === expected.length && timingSafeEqual(key, expected);
  }

  /** Spends the same time as a real check, so unknown emails can't be told apart by timing. */
  async verifyDummy(password: string): Promise<void> {
    this.dummy ??= this.hash('dummy-password-for-timing');
    await this.verify(password, await this.dummy);
  }
}
