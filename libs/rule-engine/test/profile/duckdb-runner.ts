/** A DuckDB `SqlRunner` for the profiler's tests (in-memory database, capped threads and memory). */
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import type { SqlRunner } from '../../src/lib/model';

export interface DuckRunner extends SqlRunner {
  close(): void;
}

export async function duckdbRunner(): Promise<DuckRunner> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '2', memory_limit: '1GB' });
  const conn: DuckDBConnection = await instance.connect();
  return {
    dialect: 'duckdb',
    async query<Row extends Record<string, unknown>>(
      sql: string,
      params: readonly unknown[],
    ): Promise<Row[]> {
      const reader = await conn.runAndReadAll(sql, params as DuckDBValue[]);
      return reader.getRowObjectsJS() as Row[];
    },
    close() {
      conn.closeSync();
      instance.closeSync();
    },
  };
}
