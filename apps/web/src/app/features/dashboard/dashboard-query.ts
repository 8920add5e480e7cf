import type { TrendDayDto } from '@dqw/shared-types';

/**
 * The dashboard's view as the URL carries it (`?days=7|30|90&datasetId=`), so a view can be shared
 * and survives a reload; and the links its numbers drill down to.
 */
export const RANGE_OPTIONS = [7, 30, 90] as const;
export type RangeDays = (typeof RANGE_OPTIONS)[number];
export const DEFAULT_DAYS: RangeDays = 30;

export interface DashboardQuery {
  days: RangeDays;
  datasetId: string | null;
}

/** A router link: commands and query parameters. */
export interface DrillLink {
  path: string;
  queryParams: Record<string, string>;
}

const ID = /^[0-9A-Za-z-]{1,64}$/;

/** Anything malformed falls back to the default instead of failing the page. */
export function queryFromParams(params: { get(name: string): string | null }): DashboardQuery {
  const days = Number(params.get('days'));
  const datasetId = params.get('datasetId');
  return {
    days: (RANGE_OPTIONS as readonly number[]).includes(days) ? (days as RangeDays) : DEFAULT_DAYS,
    datasetId: datasetId && ID.test(datasetId) ? datasetId : null,
  };
}

/** Query parameters for the URL (null removes one; the default range is left out). */
export function queryToParams(q: DashboardQuery): Record<string, string | null> {
  return { days: q.days === DEFAULT_DAYS ? null : String(q.days), datasetId: q.datasetId };
}

export function sameQuery(a: DashboardQuery, b: DashboardQuery): boolean {
  return a.days === b.days && a.datasetId === b.datasetId;
}

/** The runs queued on a trend day: its exact [from, to) window, which the runs page filters on. */
export function dayRunsLink(day: Pick<TrendDayDto, 'from' | 'to'>, datasetId: string | null): DrillLink {
  const queryParams: Record<string, string> = { from: day.from, to: day.to };
  if (datasetId) queryParams['datasetId'] = datasetId;
  return { path: '/runs', queryParams };
}

/**
 * A dataset's incidents in any status, opened from `fromDay` to `toDay` (inclusive UTC days, as the
 * heatmap counts them: `tz=utc` tells the incidents page, which otherwise reads local days).
 */
export function datasetIncidentsLink(datasetId: string, fromDay?: string, toDay?: string): DrillLink {
  const queryParams: Record<string, string> = { datasetId, status: 'all' };
  if (fromDay) queryParams['from'] = fromDay;
  if (toDay) queryParams['to'] = toDay;
  if (fromDay || toDay) queryParams['tz'] = 'utc';
  return { path: '/incidents', queryParams };
}

/** Live incidents (the triage default), narrowed to one severity, breached ones or one dataset. */
export function openIncidentsLink(datasetId: string | null, extra: Record<string, string> = {}): DrillLink {
  const queryParams: Record<string, string> = { ...extra };
  if (datasetId) queryParams['datasetId'] = datasetId;
  return { path: '/incidents', queryParams };
}
