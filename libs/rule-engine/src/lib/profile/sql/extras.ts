/**
 * The few aggregates only the profiler needs, per database: an estimate of distinct values and the
 * sample standard deviation. Everything else comes from the shared dialect layer (../../sql).
 */
import type { SqlDialect } from '../../model';

export interface ProfileAggregates {
  /**
   * An estimate of the number of distinct values of `key` (a text key), or null when the database is
   * only ever given small datasets and counts exactly. DuckDB has HyperLogLog; PostgreSQL and MariaDB
   * count the distinct values of a 1/64 hash sample (about ±3% at 100,000 distinct values).
   */
  approxDistinct(key: string, text: string): string | null;
  /** Sample standard deviation, or null (then computed from sums). */
  stddev(x: string): string | null;
}

export const PROFILE_AGGREGATES: Record<SqlDialect, ProfileAggregates> = {
  duckdb: {
    approxDistinct: (key) => `approx_count_distinct(${key})`,
    stddev: (x) => `stddev_samp(${x})`,
  },
  postgres: {
    approxDistinct: (key, text) =>
      `(count(DISTINCT CASE WHEN (hashtext(${text}) & 63) = 0 THEN ${key} END) * 64)`,
    stddev: (x) => `stddev_samp(${x})`,
  },
  mysql: {
    approxDistinct: (key, text) => `(count(DISTINCT CASE WHEN crc32(${text}) % 64 = 0 THEN ${key} END) * 64)`,
    stddev: (x) => `stddev_samp(${x})`,
  },
  sqlite: {
    approxDistinct: () => null,
    stddev: () => null,
  },
};
