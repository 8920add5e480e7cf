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

/** Memory cap of the instance that checks uploads; one check at a time fits in it. */
const LIGHT_MEMORY_LIMIT = '128MB';

/** Hands out `size` permits in arrival order. */
class Permits {
  private readonly waiting: (() => void)[] = [];
  constructor(private free: number) {}

  async acquire(): Promise<() => void> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    };
  }
}

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
  private readonly instances = new Map<'main' | 'light', Promise<DuckDBInstance>>();
  private readonly open = new Set<DuckDBConnection>();
  /** Concurrent upload checks would run the small instance out of memory (400 to the second uploader). */
  private readonly lightPermits = new Permits(1);

  constructor(@InjectConfig() private readonly config: AppConfig) {}

  get tempDirectory(): string {
    return join(this.config.dataDir, 'tmp', 'duckdb');
  }

  /**
   * `main`: profiles and rule runs, capped by DUCKDB_MEMORY_LIMIT / DUCKDB_THREADS. `light`: one-pass checks
   * of uploads (sniffing, counting rows), which stream and need little memory: capped lower, so an upload
   * raises the API's memory by less than ~100 MB whatever the file's size.
   */
  private start(kind: 'main' | 'light'): Promise<DuckDBInstance> {
    let instance = this.instances.get(kind);
    if (!instance) {
      instance = (async () => {
        mkdirSync(this.tempDirectory, { recursive: true, mode: 0o700 });
        const inst = await DuckDBInstance.create(':memory:');
        const conn = await inst.connect();
        try {
          const settings = duckdbSessionSettings({
            memoryLimit: kind === 'main' ? this.config.datasets.duckdbMemoryLimit : LIGHT_MEMORY_LIMIT,
            threads: kind === 'main' ? this.config.datasets.duckdbThreads : 1,
            tempDirectory: this.tempDirectory,
          });
          for (const sql of [...settings, 'SET temp_file_encryption = true']) await conn.run(sql);
        } finally {
          conn.closeSync();
        }
        return inst;
      })();
      instance.catch(() => this.instances.delete(kind));
      this.instances.set(kind, instance);
    }
    return instance;
  }

  async session(kind: 'main' | 'light' = 'main'): Promise<DuckdbSession> {
    const release = kind === 'light' ? await this.lightPermits.acquire() : () => undefined;
    let conn: DuckDBConnection;
    try {
      conn = await (await this.start(kind)).connect();
    } catch (e) {
      release();
      throw e;
    }
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
        try {
          conn.closeSync();
        } finally {
          release();
        }
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
    for (const p of this.instances.values()) (await p.catch(() => null))?.closeSync();
    this.instances.clear();
  }
}
