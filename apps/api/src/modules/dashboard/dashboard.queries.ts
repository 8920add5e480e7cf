import type { Dialect } from '../../core/database/db.service';
import {
  DATASET_DAYS,
  DAYS,
  dayOf,
  INCIDENT_DAYS,
  INCIDENT_DAYS_DONE,
  RULE_DAYS,
  RULE_LATEST,
  type Statement,
} from './aggregates.sql';

/**
 * The dashboard's read queries, as statements (the repository runs them; the benchmark EXPLAINs the
 * same texts). Each reads the aggregates or an indexed slice of a table, never all runs.
 */

/** Active rules (of live datasets) with their latest finished run: the input of the current score. */
export function currentRulesQuery(datasetIds: string[] | null): Statement {
  const filter = datasetIds ? `AND r.dataset_id IN (${datasetIds.map((_, i) => `:d${i}`).join(', ')})` : '';
  const params = Object.fromEntries((datasetIds ?? []).map((id, i) => [`d${i}`, id]));
  return {
    sql: `SELECT r.id, r.name, r.type, r.severity, r.dataset_id, d.name AS dataset_name,
            l.run_id, l.status, l.pass_rate, l.queued_at
          FROM rules r
          JOIN datasets d ON d.id = r.dataset_id
          LEFT JOIN ${RULE_LATEST} l ON l.rule_id = r.id
          WHERE r.active = :active AND r.deleted_at IS NULL ${filter}`,
    params: { active: true, ...params },
  };
}

/** The rules that ran on a day, each with its last run of the day. */
export function dayRulesQuery(day: string, datasetId: string | null): Statement {
  return {
    sql: `SELECT x.rule_id, x.dataset_id, x.last_run_id, x.last_status, x.last_pass_rate, x.last_queued_at,
            x.severity, x.type, r.name AS rule_name, d.name AS dataset_name
          FROM ${RULE_DAYS} x
          LEFT JOIN rules r ON r.id = x.rule_id
          LEFT JOIN datasets d ON d.id = x.dataset_id
          WHERE x.day = :day ${datasetId ? 'AND x.dataset_id = :datasetId' : ''}`,
    params: { day, ...(datasetId ? { datasetId } : {}) },
  };
}

export function countsQuery(datasetId: string | null): Statement {
  return {
    sql: `SELECT
            (SELECT COUNT(*) FROM datasets ${datasetId ? 'WHERE id = :datasetId' : ''}) AS datasets,
            (SELECT COUNT(*) FROM rules WHERE active = :active AND deleted_at IS NULL
               ${datasetId ? 'AND dataset_id = :datasetId' : ''}) AS rules`,
    params: { active: true, ...(datasetId ? { datasetId } : {}) },
  };
}

/** Unresolved incidents by severity: OPEN/ACKNOWLEDGED ones, and those (muted too) with an SLA breach. */
export function incidentsQuery(datasetId: string | null): Statement {
  return {
    sql: `SELECT severity,
            SUM(CASE WHEN status IN ('OPEN', 'ACKNOWLEDGED') THEN 1 ELSE 0 END) AS open,
            SUM(CASE WHEN sla_breached_at IS NOT NULL THEN 1 ELSE 0 END) AS breached
          FROM incidents
          WHERE status IN ('OPEN', 'ACKNOWLEDGED', 'MUTED') ${datasetId ? 'AND dataset_id = :datasetId' : ''}
          GROUP BY severity`,
    params: datasetId ? { datasetId } : {},
  };
}

/** Runs queued since a moment, by status (an index range on queued_at). */
export function runsSinceQuery(since: Date, datasetId: string | null): Statement {
  return {
    sql: `SELECT status, COUNT(*) AS n FROM rule_runs
          WHERE queued_at >= :since ${datasetId ? 'AND dataset_id = :datasetId' : ''}
          GROUP BY status`,
    params: { since, ...(datasetId ? { datasetId } : {}) },
  };
}

/** Daily totals from `start` on: all datasets (dashboard_days) or one (dashboard_dataset_days). */
export function daysQuery(start: string, datasetId: string | null): Statement {
  return datasetId
    ? {
        sql: `SELECT * FROM ${DATASET_DAYS} WHERE dataset_id = :datasetId AND day >= :start ORDER BY day`,
        params: { datasetId, start },
      }
    : { sql: `SELECT * FROM ${DAYS} WHERE day >= :start ORDER BY day`, params: { start } };
}

/**
 * Each (not deleted) rule's runs queued from `start` on: its all-time totals minus its running totals
 * at its last day before `start` — one index probe per rule, whatever the number of runs.
 */
export function ruleWindowsQuery(d: Dialect, start: string, datasetId: string | null): Statement {
  const totals = ['cum_passed', 'cum_failed', 'cum_errored', 'cum_pass_rate_sum'];
  // The ORDER BY follows the primary key (rule_id, day) so the probe walks it, not the day index.
  const probe = (columns: string) =>
    `SELECT ${columns} FROM ${RULE_DAYS} p WHERE p.rule_id = l.rule_id AND p.day < :start
     ORDER BY p.rule_id DESC, p.day DESC LIMIT 1`;
  // PostgreSQL: one LATERAL probe for the four totals. SQLite has no LATERAL: one probe per total.
  // (A join on the day found instead lets PostgreSQL hash the whole table.)
  const before =
    d === 'postgres'
      ? (c: string) => `COALESCE(b.${c}, 0)`
      : (c: string) => `COALESCE((${probe(`p.${c}`)}), 0)`;
  return {
    sql: `SELECT l.rule_id, r.name, r.type, r.severity, r.active, r.dataset_id, d.name AS dataset_name,
            l.run_id, l.queued_at,
            l.total_passed - ${before('cum_passed')} AS passed,
            l.total_failed - ${before('cum_failed')} AS failed,
            l.total_errored - ${before('cum_errored')} AS errored,
            l.total_pass_rate_sum - ${before('cum_pass_rate_sum')} AS pass_rate_sum
          FROM ${RULE_LATEST} l
          JOIN rules r ON r.id = l.rule_id AND r.deleted_at IS NULL
          LEFT JOIN datasets d ON d.id = r.dataset_id
          ${d === 'postgres' ? `LEFT JOIN LATERAL (${probe(totals.map((c) => `p.${c}`).join(', '))}) b ON true` : ''}
          WHERE l.day >= :start ${datasetId ? 'AND l.dataset_id = :datasetId' : ''}`,
    params: { start, ...(datasetId ? { datasetId } : {}) },
  };
}

/** Incidents opened from `since` on, per dataset, UTC day and severity (an index range on opened_at). */
export function heatmapQuery(d: Dialect, since: Date, datasetId: string | null): Statement {
  const day = dayOf(d, 'i.opened_at');
  return {
    sql: `SELECT i.dataset_id, ${day} AS day, i.severity, COUNT(*) AS n
          FROM incidents i
          WHERE i.opened_at >= :since ${datasetId ? 'AND i.dataset_id = :datasetId' : ''}
          GROUP BY i.dataset_id, ${day}, i.severity`,
    params: { since, ...(datasetId ? { datasetId } : {}) },
  };
}

/** Incidents opened per dataset on filled days in [fromDay, toDay), from dashboard_incident_days. */
export function incidentDayTotalsQuery(fromDay: string, toDay: string, datasetId: string | null): Statement {
  return {
    sql: `SELECT dataset_id, SUM(opened) AS n FROM ${INCIDENT_DAYS}
          WHERE day >= :fromDay AND day < :toDay ${datasetId ? 'AND dataset_id = :datasetId' : ''}
          GROUP BY dataset_id`,
    params: { fromDay, toDay, ...(datasetId ? { datasetId } : {}) },
  };
}

/** The per-day, per-severity counts of some datasets on filled days in [fromDay, toDay). */
export function incidentDaysQuery(fromDay: string, toDay: string, datasetIds: string[]): Statement {
  return {
    sql: `SELECT dataset_id, day, severity, opened AS n FROM ${INCIDENT_DAYS}
          WHERE day >= :fromDay AND day < :toDay
            AND dataset_id IN (${datasetIds.map((_, i) => `:d${i}`).join(', ')})`,
    params: { fromDay, toDay, ...Object.fromEntries(datasetIds.map((id, i) => [`d${i}`, id])) },
  };
}

/** Which days of [fromDay, toDay) are filled. */
export function incidentDaysDoneQuery(fromDay: string, toDay: string): Statement {
  return {
    sql: `SELECT day FROM ${INCIDENT_DAYS_DONE} WHERE day >= :fromDay AND day < :toDay`,
    params: { fromDay, toDay },
  };
}

/** Names of datasets (the heatmap's rows; a deleted dataset has none). */
export function datasetNamesQuery(ids: string[]): Statement {
  return {
    sql: `SELECT id, name FROM datasets WHERE id IN (${ids.map((_, i) => `:d${i}`).join(', ')})`,
    params: Object.fromEntries(ids.map((id, i) => [`d${i}`, id])),
  };
}
