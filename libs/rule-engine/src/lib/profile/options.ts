/** Profiling options shared by the SQL and in-memory profilers, and their one error type. */

/** Profiling failed: bad options or input, an unsupported dialect, or the database refused a statement. */
export class ProfileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProfileError';
  }
}

export const DEFAULT_TOP_N = 20;
export const MAX_TOP_N = 1000;
export const DEFAULT_DISTINCT_EXACT_LIMIT = 100_000;

export function checkInt(name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ProfileError(`${name} must be an integer from ${min} to ${max}, got ${String(value)}`);
  }
  return value;
}
