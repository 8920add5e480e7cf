import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export const TEST_DATABASE_URL =
  process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

/** True when PostgreSQL answers. On CI a missing PostgreSQL is a failure, never a silent skip. */
export async function postgresAvailable(): Promise<boolean> {
  const c = new Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.query('SELECT 1');
    return true;
  } catch (e) {
    if (process.env['CI'] === 'true') {
      throw new Error(`PostgreSQL is required on CI but ${TEST_DATABASE_URL} does not answer: ${String(e)}`);
    }
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

/** One short-lived PostgreSQL connection for `fn`. */
export async function withClient<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: TEST_DATABASE_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** A schema of our own, so concurrent test files (ours and other engineers') never share tables. */
export async function createTestSchema(label = 't'): Promise<string> {
  const name = `dqw_${label}_${randomBytes(5).toString('hex')}`;
  await withClient((c) => c.query(`CREATE SCHEMA "${name}"`));
  return name;
}

export async function dropTestSchema(name: string): Promise<void> {
  if (!/^dqw_[a-z0-9_]+$/.test(name)) throw new Error(`refusing to drop ${name}`);
  await withClient((c) => c.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`));
}
