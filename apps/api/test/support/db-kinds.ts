import { describe, inject } from 'vitest';

export type DbKind = 'sqlite' | 'postgres';
export const DB_KINDS: readonly DbKind[] = ['sqlite', 'postgres'];

export function dbAvailable(kind: DbKind): boolean {
  return kind === 'sqlite' || inject('pgAvailable');
}

/**
 * The same suite on SQLite (embedded mode) and on PostgreSQL. PostgreSQL is skipped only when it
 * doesn't answer locally; on CI the global setup fails the run instead.
 */
export function describeEachDb(name: string, fn: (kind: DbKind) => void): void {
  for (const kind of DB_KINDS) {
    describe.skipIf(!dbAvailable(kind))(`${name} [${kind}]`, () => fn(kind));
  }
}
