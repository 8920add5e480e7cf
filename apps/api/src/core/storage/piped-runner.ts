import type { SqlRunner } from '@dqw/rule-engine';
import type { Readable } from 'node:stream';
import type { PipeFactory, ServedPipe } from './plaintext-pipe';

/** Placeholder paths a DatasetRef carries for files that are read through a pipe. */
export const PIPE_SCHEME = 'dqw-pipe://';

/**
 * A DuckDB runner whose statements may name files by placeholder (`dqw-pipe://…`): each bound
 * placeholder becomes its own fresh named pipe, fed once by the file's stream for that statement. The
 * rule engine binds the path once per `read_csv`, so every read of a file in a statement gets a pipe of its
 * own, and a statement that reads a file twice gets the stream twice. A statement whose feeding stream
 * failed (a file that fails its integrity check) fails, whatever DuckDB made of the bytes it got.
 */
export class PipedRunner implements SqlRunner {
  readonly dialect = 'duckdb' as const;
  private readonly sources = new Map<string, () => Readable>();
  /** Per statement that read files: pipes created and pipes a reader opened (each at most once). */
  readonly pipeStats: { pipes: number; opened: number }[] = [];

  constructor(
    private readonly base: SqlRunner,
    private readonly pipes: PipeFactory,
  ) {}

  /** Registers a stream factory under a placeholder path and returns the placeholder. */
  register(key: string, source: () => Readable): string {
    const path = `${PIPE_SCHEME}${key}`;
    this.sources.set(path, source);
    return path;
  }

  async query<Row extends Record<string, unknown> = Record<string, unknown>>(
    sql: string,
    params: readonly unknown[],
  ): Promise<Row[]> {
    const served: ServedPipe[] = [];
    try {
      const bound: unknown[] = [];
      for (const p of params) {
        const source = typeof p === 'string' ? this.sources.get(p) : undefined;
        if (!source) {
          bound.push(p);
          continue;
        }
        const pipe = await this.pipes.serve(source);
        served.push(pipe);
        bound.push(pipe.path);
      }
      let rows: Row[] | undefined;
      let queryError: unknown;
      try {
        rows = await this.base.query<Row>(sql, bound);
      } catch (e) {
        queryError = e;
      }
      for (const p of served) p.cancel();
      const outcomes = await Promise.allSettled(served.map((p) => p.done));
      if (served.length) {
        const opened = outcomes.filter((o) => o.status !== 'fulfilled' || o.value.opened).length;
        this.pipeStats.push({ pipes: served.length, opened });
      }
      // The source's failure explains a DuckDB error (a truncated stream) better than DuckDB does.
      const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
      if (failed) throw failed.reason;
      if (queryError !== undefined) throw queryError;
      return rows ?? [];
    } finally {
      for (const p of served) p.cancel();
    }
  }
}
