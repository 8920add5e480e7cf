import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export type Dialect = 'sqlite' | 'postgres';

/** Database helpers every module may use: transactions that are safe on both drivers, dialect switches. */
@Injectable()
export class Db {
  private sqliteQueue: Promise<unknown> = Promise.resolve();

  constructor(@InjectDataSource() readonly dataSource: DataSource) {}

  get dialect(): Dialect {
    return this.dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite';
  }

  /**
   * Runs `fn` in a transaction. TypeORM's SQLite driver has a single connection, so two concurrent
   * transactions would nest into each other; here they are queued instead. Keep `fn` short and free of
   * slow I/O (no HTTP calls, no file scans) because it holds the queue on SQLite.
   */
  transaction<T>(fn: (em: EntityManager) => Promise<T>): Promise<T> {
    if (this.dialect === 'postgres') return this.dataSource.transaction(fn);
    const run = this.sqliteQueue.then(() => this.dataSource.transaction(fn));
    this.sqliteQueue = run.catch(() => undefined);
    return run;
  }
}
