/**
 * The real databases the SQL tests run against (no mocks). A service that doesn't answer skips its
 * tests locally and fails them when CI=true, so CI never passes by skipping.
 */
export const TEST_DATABASE_URL =
  process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
export const TEST_MYSQL_URL = process.env['TEST_MYSQL_URL'] ?? 'mysql://root@127.0.0.1:3306/test';
export const IS_CI = process.env['CI'] === 'true';

/** A short unique name for the schema/database a test file creates (and drops). */
export function uniqueName(prefix: string): string {
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
}

export class ServiceUnavailable extends Error {}

/** Throws on CI, returns false locally, when `probe` fails. */
export async function serviceAvailable(name: string, probe: () => Promise<void>): Promise<boolean> {
  try {
    await probe();
    return true;
  } catch (e) {
    if (IS_CI)
      throw new ServiceUnavailable(
        `${name} is not reachable on CI: ${e instanceof Error ? e.message : String(e)}`,
      );
    console.warn(
      `${name} not reachable, its tests are skipped: ${e instanceof Error ? e.message : String(e)}`,
    );
    return false;
  }
}
