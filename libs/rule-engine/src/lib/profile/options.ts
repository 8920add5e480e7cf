/** Profiling options shared by the SQL and in-memory profilers, and their one error type. */
import { compileFormat } from '../semantics/values';
import type { ExistingType } from './types';

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

/** User types must be usable: a format names YYYY, MM and DD once each, and a date format has no time. */
export function checkExistingTypes(existing: Record<string, ExistingType>): Record<string, ExistingType> {
  for (const [name, t] of Object.entries(existing)) {
    if (!t.format) continue;
    if (t.type !== 'date' && t.type !== 'timestamp') {
      throw new ProfileError(`column ${JSON.stringify(name)}: only date and timestamp columns have a format`);
    }
    const compiled = compileFormat(t.format);
    if (!compiled || (t.type === 'date' && compiled.hasTime)) {
      throw new ProfileError(
        `column ${JSON.stringify(name)}: unusable date format ${JSON.stringify(t.format)} (it needs YYYY, MM and DD ` +
          `once each${t.type === 'date' ? ', and no time in a date column' : ''})`,
      );
    }
  }
  return existing;
}
