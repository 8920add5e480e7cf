import type { ColumnProfile, DatasetProfile } from '../../src/lib/profile/types';
import type { DatasetSchema } from '../../src/lib/model';
import type { PlantedTable } from './planted';

/** A profile with floating-point moments rounded, so profiles from different engines compare equal. */
export function comparable(p: DatasetProfile, keep: (keyof ColumnProfile)[] = []) {
  const round = (x: number | string | null) => (typeof x === 'number' ? Number(x.toPrecision(9)) : x);
  return {
    rowCount: p.rowCount,
    columns: p.columns.map((c) => {
      const out: Record<string, unknown> = {
        name: c.name,
        type: c.type,
        inferredType: c.inferredType,
        format: c.format,
        nullCount: c.nullCount,
        nonNullCount: c.nonNullCount,
        unreadableCount: c.unreadableCount,
        distinctCount: c.distinctCount,
        singletonCount: c.singletonCount,
        min: round(c.min),
        max: round(c.max),
        mean: round(c.mean),
        stddev: round(c.stddev),
      };
      for (const k of keep) out[k] = c[k];
      return out;
    }),
  };
}

/** The schema a freshly uploaded CSV has: every column text, types not yet known. */
export function textSchema(t: PlantedTable, nullMarkers: string[] = []): DatasetSchema {
  return { columns: t.columns.map((c) => ({ name: c.name, type: 'string' as const })), nullMarkers };
}

export function column(p: DatasetProfile, name: string): ColumnProfile {
  const c = p.columns.find((x) => x.name === name);
  if (!c) throw new Error(`no column ${name}`);
  return c;
}
