export { dropPrefix } from '../support/redis';
export { TEST_DATABASE_URL as DATABASE_URL, withClient as pg } from '../support/postgres';
export { TEST_REDIS_URL as REDIS_URL } from '../support/redis';

/** The first Admin of the benchmarked installations. */
export const ADMIN = { email: 'bench@test.local', password: 'Bench-Admin-Password-1' };

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs `fn` over the items with at most `width` at a time. */
export async function pool<T>(items: T[], width: number, fn: (t: T) => Promise<void>): Promise<void> {
  let i = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (i < items.length) await fn(items[i++]);
    }),
  );
}
