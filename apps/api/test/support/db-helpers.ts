import { DataSource } from 'typeorm';

/** Row counts of the tables a request could change: "nothing changed" checks compare these. */
export async function snapshotCounts(ds: DataSource): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of ['users', 'sessions', 'api_tokens', 'audit_entries']) {
    const [row] = (await ds.query(`SELECT COUNT(*) AS n FROM ${t}`)) as { n: number | string }[];
    out[t] = Number(row.n);
  }
  return out;
}

/** Positional placeholder for raw SQL on either driver. */
export function ph(ds: DataSource, i: number): string {
  return ds.options.type === 'postgres' ? `$${i}` : '?';
}

/** A timestamp value for raw SQL (SQLite stores UTC text). */
export function tsValue(ds: DataSource, d: Date): Date | string {
  return ds.options.type === 'postgres' ? d : d.toISOString().replace('T', ' ').replace('Z', '');
}
