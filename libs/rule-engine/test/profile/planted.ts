/**
 * Seeded test data with planted properties the profiler and recommender must find:
 *
 * orders (1,000 rows)
 * - order_id     unique integer ids (shuffled)              → integer, UNIQUE, NOT_NULL
 * - customer_id  ids drawn from customers                   → integer, FOREIGN_KEY customers(customer_id)
 * - email        complete, e-mail addresses                 → NOT_NULL, MATCHES email
 * - amount       non-negative decimals, exactly 97% present → decimal, NOT_NULL MOSTLY, IN_RANGE(0, null)
 * - status       4 values                                   → ACCEPTED_VALUES
 * - zip          5 digits, many with leading zeros          → string (not integer), MATCHES ^[0-9]{5}$
 * - created_at   `YYYY/MM/DD HH:mm:ss`                      → timestamp with that format
 * - is_gift      true/false                                 → boolean
 * - note         free text; 'N/A' in 5% of rows, some empty → string, null-marker candidate 'N/A'
 *
 * customers (300 rows): customer_id 1..300 (unique), name, country (2-letter codes).
 */

export interface PlantedTable {
  name: string;
  columns: { name: string; type: 'integer' | 'decimal' | 'string' | 'timestamp' | 'boolean' }[];
  /** Cell texts as a CSV would hold them; null = empty cell. */
  rows: (string | null)[][];
}

/** mulberry32: small, fast, seedable. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');
const STATUSES = ['paid', 'new', 'shipped', 'cancelled'];
const WORDS = ['fast', 'gift wrap', 'leave at door', 'call first', 'fragile', 'thanks', 'urgent'];
const COUNTRIES = ['US', 'DE', 'FR', 'GB', 'NL', 'ES'];
export const CUSTOMERS = 300;

export function plantedOrders(seed = 42, n = 1000): PlantedTable {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const ids = Array.from({ length: n }, (_, i) => i + 1);
  for (let i = ids.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [ids[i], ids[j]] = [ids[j], ids[i]];
  }
  // Exactly 3% of amounts missing, at seeded positions.
  const missing = new Set<number>();
  while (missing.size < Math.round(n * 0.03)) missing.add(Math.floor(r() * n));
  const rows: (string | null)[][] = [];
  for (let i = 0; i < n; i++) {
    const t = Date.UTC(2023, 0, 1) + Math.floor(r() * 364 * 86_400) * 1000;
    const dt = new Date(t);
    const created =
      `${dt.getUTCFullYear()}/${pad(dt.getUTCMonth() + 1, 2)}/${pad(dt.getUTCDate(), 2)} ` +
      `${pad(dt.getUTCHours(), 2)}:${pad(dt.getUTCMinutes(), 2)}:${pad(dt.getUTCSeconds(), 2)}`;
    const noteRoll = r();
    rows.push([
      String(ids[i]),
      String(1 + Math.floor(r() * CUSTOMERS)),
      `user${i}.${pick(['a', 'b', 'c'])}@${pick(['example.com', 'mail.example.org', 'shop.test'])}`,
      missing.has(i) ? null : (Math.floor(r() * 500_000) / 100).toFixed(2),
      // Weighted so no value is rare: 40/30/20/10%.
      STATUSES[[0, 0, 0, 0, 1, 1, 1, 2, 2, 3][Math.floor(r() * 10)]],
      // A third of the zips below 10000: leading zeros.
      pad(r() < 0.33 ? Math.floor(r() * 10_000) : 10_000 + Math.floor(r() * 90_000), 5),
      created,
      r() < 0.5 ? 'true' : 'false',
      noteRoll < 0.05 ? 'N/A' : noteRoll < 0.1 ? null : `${pick(WORDS)}, ${pick(WORDS)} #${i}`,
    ]);
  }
  return {
    name: 'orders',
    columns: [
      { name: 'order_id', type: 'integer' },
      { name: 'customer_id', type: 'integer' },
      { name: 'email', type: 'string' },
      { name: 'amount', type: 'decimal' },
      { name: 'status', type: 'string' },
      { name: 'zip', type: 'string' },
      { name: 'created_at', type: 'timestamp' },
      { name: 'is_gift', type: 'boolean' },
      { name: 'note', type: 'string' },
    ],
    rows,
  };
}

export function plantedCustomers(seed = 7): PlantedTable {
  const r = rng(seed);
  const rows: (string | null)[][] = [];
  for (let i = 1; i <= CUSTOMERS; i++) {
    rows.push([String(i), `Customer ${i}`, COUNTRIES[Math.floor(r() * COUNTRIES.length)]]);
  }
  return {
    name: 'customers',
    columns: [
      { name: 'customer_id', type: 'integer' },
      { name: 'name', type: 'string' },
      { name: 'country', type: 'string' },
    ],
    rows,
  };
}

/** CSV text (RFC 4180 quoting), with the header. */
export function toCsv(t: PlantedTable): string {
  const cell = (v: string | null) =>
    v === null ? '' : /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  return (
    [t.columns.map((c) => c.name).join(','), ...t.rows.map((r) => r.map(cell).join(','))].join('\n') + '\n'
  );
}

/** Rows as objects (column name → cell text), for the in-memory back ends. */
export function toObjects(t: PlantedTable): Record<string, string | null>[] {
  return t.rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [c.name, r[i]])));
}
