/**
 * Resource caps for a DuckDB connection, as SQL the caller runs once per connection before rules:
 * DuckDB spills to `tempDirectory` past `memoryLimit`, so a file larger than memory still runs.
 */
import { standardLiteral } from './dialects/dialect';

export interface DuckdbSessionOptions {
  /** e.g. `'1GB'`, `'512MiB'`, or a number of bytes. */
  memoryLimit?: string | number;
  /** Worker threads (≥ 1). */
  threads?: number;
  /** Directory for spilled data. */
  tempDirectory?: string;
}

const SIZE = /^\s*(\d+(\.\d+)?)\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)\s*$/i;

/**
 * `SET memory_limit/threads/temp_directory` statements for DuckDB (and `preserve_insertion_order`, which
 * the sample queries of files rely on). Values are checked (a size with
 * a unit, a positive integer, a path without NUL) and written as literals: SET takes no parameters.
 */
export function duckdbSessionSettings(options: DuckdbSessionOptions): string[] {
  // Sample queries of files rely on rows leaving a scan in file order (DuckDB's default, pinned here).
  const out: string[] = ['SET preserve_insertion_order = true'];
  if (options.memoryLimit !== undefined) {
    const m = options.memoryLimit;
    const text = typeof m === 'number' ? `${m}B` : m;
    if ((typeof m === 'number' && (!Number.isInteger(m) || m <= 0)) || !SIZE.test(text)) {
      throw new RangeError(
        `memoryLimit must be a size such as '1GB' or a positive number of bytes, got ${String(m)}`,
      );
    }
    out.push(`SET memory_limit = ${standardLiteral(text.trim())}`);
  }
  if (options.threads !== undefined) {
    if (!Number.isInteger(options.threads) || options.threads < 1 || options.threads > 1024) {
      throw new RangeError(`threads must be an integer from 1 to 1024, got ${String(options.threads)}`);
    }
    out.push(`SET threads = ${options.threads}`);
  }
  if (options.tempDirectory !== undefined) {
    if (options.tempDirectory === '' || options.tempDirectory.includes('\u0000')) {
      throw new RangeError('tempDirectory must be a non-empty path without NUL characters');
    }
    out.push(`SET temp_directory = ${standardLiteral(options.tempDirectory)}`);
  }
  return out;
}
