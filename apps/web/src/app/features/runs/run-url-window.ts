/**
 * `?from=&to=` of the runs page: the window a link opens the list on (the dashboard's day drill-down).
 * Either local calendar days (yyyy-mm-dd, `to` inclusive, as the form takes them) or exact instants
 * (ISO 8601, `to` exclusive, as the dashboard's trend answers them), so a link can name a UTC day exactly.
 */
export interface RunUrlWindow {
  /** The days to show in the form's date fields ('' when absent or unreadable). */
  fromDay: string;
  toDay: string;
  /** Exact instants to filter on, when the URL gave instants (they win over the days). */
  fromInstant?: string;
  toInstant?: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:?\d{2})$/;

function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function runWindowFromUrl(from: string | undefined, to: string | undefined): RunUrlWindow {
  const range: RunUrlWindow = { fromDay: '', toDay: '' };
  if (from && DAY.test(from)) range.fromDay = from;
  else if (from && INSTANT.test(from) && !Number.isNaN(Date.parse(from))) {
    range.fromInstant = new Date(from).toISOString();
    range.fromDay = localDay(new Date(from));
  }
  if (to && DAY.test(to)) range.toDay = to;
  else if (to && INSTANT.test(to) && !Number.isNaN(Date.parse(to))) {
    range.toInstant = new Date(to).toISOString();
    // Exclusive end: the last day it covers is the one of the instant just before.
    range.toDay = localDay(new Date(Date.parse(to) - 1));
  }
  return range;
}
