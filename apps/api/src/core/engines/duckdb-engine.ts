import {
  DOUBLE,
  DuckDBInstance,
  type DuckDBConnection,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';
import { duckdbSessionSettings, type SqlRunner } from '@dqw/rule-engine';
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig } from '../config/config';
import { InjectConfig } from '../config/config.module';

/** A DuckDB connection as a SqlRunner; `close()` frees it. */
export interface DuckdbSession extends SqlRunner {
  readonly dialect: 'duckdb';
  close(): void;
}

/**
 * node-api binds an integral JS number as BIGINT (failing past int64): every number the rule engine binds
 * is a double.
 */
function paramTypes(params: readonly unknown[]): DuckDBType[] {
  return params.map((v) => (typeof v === 'number' ? DOUBLE : undefined)) as DuckDBType[];
}

/**
 * The embedded DuckDB that reads CSV files: one in-memory instance per process, capped by
 * DUCKDB_MEMORY_LIMIT / DUCKDB_THREADS, spilling to DATA_DIR/tmp/duckdb — encrypted, so even a
 * sensitive file's plaintext never lands on disk through a spill.
 */
@Injectable()
export class DuckdbEngine implements OnApplicationShutdown {
  private readonly logger = new Logger(DuckdbEngine.name);
  private instance: Promise<DuckDBInstance> | null = null;
  private readonly open = new Set<DuckDBConnection>();

  constructor(@InjectConfig() private readonly config: AppConfig) {}

  get tempDirectory(): string {
    return join(this.config.dataDir, 'tmp', 'duckdb');
  }

  private start(): Promise<DuckDBInstance> {
    this.instance ??= (async () => {
      mkdirSync(this.tempDirectory, { recursive: true, mode: 0o700 });
      const inst = await DuckDBInstance.create(':memory:');
      const conn = await inst.connect();
      try {
        const settings = duckdbSessionSettings({
          memoryLimit: this.config.datasets.duckdbMemoryLimit,
          threads: this.config.datasets.duckdbThreads,
          tempDirectory: this.tempDirectory,
        });
        for (const sql of [...settings, 'SET temp_file_encryption = true']) await conn.run(sql);
      } finally {
        conn.closeSync();
      }
      return inst;
    })();
    this.instance.catch(() => (this.instance = null));
    return this.instance;
  }

  async session(): Promise<DuckdbSession> {
    const conn = await (await this.start()).connect();
    this.open.add(conn);
    let closed = false;
    return {
      dialect: 'duckdb',
      async query<Row extends Record<string, unknown>>(sql: string, params: readonly unknown[]) {
        if (closed) throw new Error('The DuckDB session is closed');
        const reader = await conn.runAndReadAll(sql, params as DuckDBValue[], paramTypes(params));
        return reader.getRowObjectsJS() as Row[];
      },
      close: () => {
        if (closed) return;
        closed = true;
        this.open.delete(conn);
        conn.closeSync();
      },
    };
  }

  async onApplicationShutdown(): Promise<void> {
    for (const c of this.open) {
      try {
        c.interrupt();
        c.closeSync();
      } catch (e) {
        this.logger.warn(`closing a DuckDB connection: ${String(e)}`);
      }
    }
    this.open.clear();
    const inst = await this.instance?.catch(() => null);
    inst?.closeSync();
    this.instance = null;
  }
}
