import { INCIDENT_SORTS, IncidentListQuery, IncidentSort, IncidentStatus, Severity } from '@dqw/shared-types';
import { DEFAULT_SORT, LIVE_STATUSES, STATUS_OPTIONS, isIncidentStatus, isSeverity } from './incident-labels';

/**
 * The triage view's filters as the page keeps them — and as the URL carries them, so a filtered view
 * can be linked to and survives a trip to an incident and back.
 */
export interface IncidentFilters {
  /** Empty: any status. */
  statuses: IncidentStatus[];
  /** Empty: any severity. */
  severities: Severity[];
  datasetId: string | null;
  ruleId: string | null;
  /** A user id, `me` or `none`. */
  assignee: string | null;
  breached: boolean | null;
  /** Only flapping incidents when true. */
  flapping: boolean | null;
  /** Opened on or after this day (yyyy-mm-dd; local unless `utcDays`). */
  from: string | null;
  /** Opened on or before this day (inclusive). */
  to: string | null;
  /** `from`/`to` are UTC days (`?tz=utc`: the dashboard's heatmap counts per UTC day). */
  utcDays: boolean;
  q: string;
  sort: IncidentSort;
  page: number;
}

export function defaultFilters(): IncidentFilters {
  return {
    statuses: [...LIVE_STATUSES],
    severities: [],
    datasetId: null,
    ruleId: null,
    assignee: null,
    breached: null,
    flapping: null,
    from: null,
    to: null,
    utcDays: false,
    q: '',
    sort: DEFAULT_SORT,
    page: 1,
  };
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const ID = /^[0-9A-Za-z-]{1,64}$/;

function sameSet<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/** In a fixed order, so equal filters give equal URLs. */
function ordered<T extends string>(values: readonly T[], order: readonly T[]): T[] {
  return order.filter((v) => values.includes(v));
}

const STATUS_ORDER = STATUS_OPTIONS.map((o) => o.value);
const SEVERITY_ORDER: Severity[] = ['HIGH', 'MEDIUM', 'LOW'];

/** Reads the URL's query; anything malformed falls back to the default instead of failing the page. */
export function filtersFromParams(params: { get(name: string): string | null }): IncidentFilters {
  const f = defaultFilters();
  const status = params.get('status');
  if (status === 'all') f.statuses = [];
  else if (status) {
    const list = status.split(',').filter(isIncidentStatus);
    if (list.length) f.statuses = ordered(list, STATUS_ORDER);
  }
  const severity = params.get('severity');
  if (severity) f.severities = ordered(severity.split(',').filter(isSeverity), SEVERITY_ORDER);
  const id = (name: string) => {
    const value = params.get(name);
    return value && ID.test(value) ? value : null;
  };
  f.datasetId = id('datasetId');
  f.ruleId = id('ruleId');
  f.assignee = id('assignee');
  const bool = (name: string) => {
    const value = params.get(name);
    return value === 'true' ? true : value === 'false' ? false : null;
  };
  f.breached = bool('breached');
  f.flapping = bool('flapping');
  const day = (name: string) => {
    const value = params.get(name);
    return value && DAY.test(value) ? value : null;
  };
  f.from = day('from');
  f.to = day('to');
  f.utcDays = params.get('tz') === 'utc' && (f.from !== null || f.to !== null);
  f.q = (params.get('q') ?? '').slice(0, 200);
  const sort = params.get('sort');
  if (sort && (INCIDENT_SORTS as readonly string[]).includes(sort)) f.sort = sort as IncidentSort;
  const page = Number(params.get('page'));
  if (Number.isInteger(page) && page > 1) f.page = page;
  return f;
}

/** The query parameters for a URL (null removes a parameter; defaults are left out). */
export function filtersToParams(f: IncidentFilters): Record<string, string | null> {
  const statuses = ordered(f.statuses, STATUS_ORDER);
  return {
    status: sameSet(statuses, LIVE_STATUSES) ? null : statuses.length === 0 ? 'all' : statuses.join(','),
    severity: f.severities.length ? ordered(f.severities, SEVERITY_ORDER).join(',') : null,
    datasetId: f.datasetId,
    ruleId: f.ruleId,
    assignee: f.assignee,
    breached: f.breached === null ? null : String(f.breached),
    flapping: f.flapping === null ? null : String(f.flapping),
    from: f.from,
    to: f.to,
    tz: f.utcDays && (f.from !== null || f.to !== null) ? 'utc' : null,
    q: f.q.trim() || null,
    sort: f.sort === DEFAULT_SORT ? null : f.sort,
    page: f.page > 1 ? String(f.page) : null,
  };
}

/** A calendar day (local, or UTC) → the instant it starts, moved by `plusDays`. */
function dayStart(day: string | null, plusDays: number, utc: boolean): string | undefined {
  const match = day ? DAY.exec(day) : null;
  if (!match) return undefined;
  const [y, m, d] = match.slice(1).map(Number);
  return (utc ? new Date(Date.UTC(y, m - 1, d + plusDays)) : new Date(y, m - 1, d + plusDays)).toISOString();
}

/** The filters → the API's query (days become instants; `to` is exclusive: the start of the next day). */
export function toListQuery(f: IncidentFilters, pageSize: number): IncidentListQuery {
  const query: IncidentListQuery = { page: f.page, pageSize, sort: f.sort };
  if (f.statuses.length) query.status = ordered(f.statuses, STATUS_ORDER).join(',');
  if (f.severities.length) query.severity = ordered(f.severities, SEVERITY_ORDER).join(',');
  if (f.datasetId) query.datasetId = f.datasetId;
  if (f.ruleId) query.ruleId = f.ruleId;
  if (f.assignee) query.assigneeId = f.assignee;
  if (f.breached !== null) query.breached = f.breached;
  if (f.flapping !== null) query.flapping = f.flapping;
  const from = dayStart(f.from, 0, f.utcDays);
  const to = dayStart(f.to, 1, f.utcDays);
  if (from) query.from = from;
  if (to) query.to = to;
  if (f.q.trim()) query.q = f.q.trim();
  return query;
}

/** True when anything narrows the list beyond the default (live incidents, any severity…). */
export function isNarrowed(f: IncidentFilters): boolean {
  const d = defaultFilters();
  return (
    !sameSet(f.statuses, d.statuses) ||
    f.severities.length > 0 ||
    f.datasetId !== null ||
    f.ruleId !== null ||
    f.assignee !== null ||
    f.breached !== null ||
    f.flapping !== null ||
    f.from !== null ||
    f.to !== null ||
    f.q.trim() !== ''
  );
}

/** Toggles one value of a chip group (statuses or severities). */
export function toggled<T>(list: readonly T[], value: T): T[] {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}
