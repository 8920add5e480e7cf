/** One line of the before/after table of an audit entry. */
export interface ChangeRow {
  field: string;
  before: string;
  after: string;
  changed: boolean;
}

export interface DescribedChanges {
  /** Field-by-field rows when the entry has a before/after shape; empty otherwise. */
  rows: ChangeRow[];
  /** The raw changes as readable JSON, for anything that is not a before/after pair. */
  raw: string | null;
}

const EMPTY = '—';

/** Lays out an audit entry's `changes` (`{before, after}`, secrets already redacted by the API). */
export function describeChanges(changes: unknown): DescribedChanges {
  if (changes === null || changes === undefined) return { rows: [], raw: null };
  if (isRecord(changes) && ('before' in changes || 'after' in changes)) {
    const before = isRecord(changes['before']) ? changes['before'] : {};
    const after = isRecord(changes['after']) ? changes['after'] : {};
    const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    const rows = fields.map((field) => {
      const b = format(before[field]);
      const a = format(after[field]);
      return { field, before: b, after: a, changed: b !== a };
    });
    const extra = Object.fromEntries(
      Object.entries(changes).filter(([k]) => k !== 'before' && k !== 'after'),
    );
    const scalarPair = !isRecord(changes['before']) && !isRecord(changes['after']);
    if (scalarPair) {
      rows.push({
        field: 'value',
        before: format(changes['before']),
        after: format(changes['after']),
        changed: format(changes['before']) !== format(changes['after']),
      });
    }
    return { rows, raw: Object.keys(extra).length ? JSON.stringify(extra, null, 2) : null };
  }
  return { rows: [], raw: typeof changes === 'string' ? changes : JSON.stringify(changes, null, 2) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function format(value: unknown): string {
  if (value === undefined || value === null) return EMPTY;
  if (typeof value === 'string') return value === '' ? '""' : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
