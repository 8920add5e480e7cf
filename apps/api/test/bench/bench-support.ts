import { Client } from 'pg';
import { TEST_DATABASE_URL } from '../support/postgres';

export { dropPrefix } from '../support/redis';
export { TEST_DATABASE_URL as DATABASE_URL } from '../support/postgres';
export { TEST_REDIS_URL as REDIS_URL } from '../support/redis';

/** The first Admin of the benchmarked installations. */
export const ADMIN = { email: 'bench@test.local', password: 'Bench-Admin-Password-1' };

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One short-lived PostgreSQL connection for `fn`. */
export async function pg<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: TEST_DATABASE_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Runs `fn` over the items with at most `width` at a time. */
export async function pool<T>(items: T[], width: number, fn: (t: T) => Promise<void>): Promise<void> {
  let i = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (i < items.length) await fn(items[i++]);
    }),
  );
}
