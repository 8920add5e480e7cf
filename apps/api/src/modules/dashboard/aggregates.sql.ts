import { QUALITY_DIMENSIONS, RULE_DIMENSIONS, SEVERITY_WEIGHTS } from '@dqw/shared-types';
import type { Dialect } from '../../core/database/db.service';

/**
 * The SQL that maintains the dashboard's read models, for SQLite and PostgreSQL. Each statement
 * recomputes its rows from the rows below it (runs → rule days → dataset days → days), so running it
 * twice changes nothing. With a scope it touches one rule, dataset or day (the run-outcome hook); without
 * one it rebuilds everything (the backfill at start and the benchmark's seed use exactly these texts).
 *
 *   dashboard_rule_days     one row per rule and UTC day of the runs' queued time: counts by status, the
 *                           day's last run (by queued time) with its pass share, weight and dimension
 *                           (from the rule version the run checked), and running totals over earlier days
 *   dashboard_rule_latest   one row per rule: its latest finished run and its all-time totals
 *   dashboard_dataset_days  one row per dataset and day: Σ weight and Σ weight·share, overall and per dimension
 *   dashboard_days          one row per day: counts, and the sums of dataset scores behind the daily means
 *   dashboard_incident_days incidents opened per day, dataset and severity: filled when first read, for
 *                           days that are over (see {@link fillIncidentDays})
 */

export const RULE_DAYS = 'dashboard_rule_days';
export const RULE_LATEST = 'dashboard_rule_latest';
export const DATASET_DAYS = 'dashboard_dataset_days';
export const DAYS = 'dashboard_days';
export const STATE = 'dashboard_state';
export const INCIDENT_DAYS = 'dashboard_incident_days';
export const INCIDENT_DAYS_DONE = 'dashboard_incident_days_done';

const FINISHED = `('passed', 'failed', 'error')`;

/** The UTC day (`YYYY-MM-DD`) of a timestamp column. SQLite stores UTC text `YYYY-MM-DD HH:MM:SS.sss`. */
export function dayOf(d: Dialect, column: string): string {
  return d === 'postgres'
    ? `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD')`
    : `substr(${column}, 1, 10)`;
}

const quote = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/** SEVERITY_WEIGHTS as SQL. */
export function weightSql(severity: string): string {
  const arms = Object.entries(SEVERITY_WEIGHTS).map(([s, w]) => `WHEN ${quote(s)} THEN ${w}`);
  return `(CASE ${severity} ${arms.join(' ')} ELSE ${SEVERITY_WEIGHTS.MEDIUM} END)`;
}

/** RULE_DIMENSIONS as SQL. */
export function dimensionSql(type: string): string {
  const arms = Object.entries(RULE_DIMENSIONS).map(([t, dim]) => `WHEN ${quote(t)} THEN ${quote(dim)}`);
  return `(CASE ${type} ${arms.join(' ')} ELSE 'validity' END)`;
}

/** `passShareOf` (quality-score.ts) as SQL. */
export function shareSql(status: string, passRate: string): string {
  return `(CASE WHEN ${status} = 'error' THEN 0.0 ELSE COALESCE(${passRate}, CASE WHEN ${status} = 'passed' THEN 1.0 ELSE 0.0 END) END)`;
}

export interface Statement {
  sql: string;
  params: Record<string, unknown>;
}

/**
 * Runs → rule days, for one rule's runs queued in [from, to) or for every run. With a scope the running
 * totals are left to {@link updateRuleTotals}; the full rebuild computes them here (one sort, not an
 * update of every row), to the same values, and writes the rows day by day as the hook does (a day's
 * rows then sit together on disk).
 */
export function upsertRuleDays(
  d: Dialect,
  scope: { ruleId: string; from: Date; to: Date } | null,
): Statement {
  const day = dayOf(d, 'r.queued_at');
  const where = scope ? 'AND r.rule_id = :ruleId AND r.queued_at >= :from AND r.queued_at < :to' : '';
  const cum = (c: string) =>
    scope
      ? '0'
      : `SUM(${c}) OVER (PARTITION BY rule_id ORDER BY day ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)`;
  const sql = `
    INSERT INTO ${RULE_DAYS} (rule_id, day, dataset_id, passed, failed, errored, pass_rate_sum,
      last_run_id, last_queued_at, last_status, last_pass_rate, last_share, severity, type, weight,
      dimension, cum_passed, cum_failed, cum_errored, cum_pass_rate_sum)
    SELECT rule_id, day, dataset_id, passed, failed, errored, pass_rate_sum,
      id, queued_at, status, pass_rate, share, severity, type, weight, dimension,
      ${cum('passed')}, ${cum('failed')}, ${cum('errored')}, ${cum('pass_rate_sum')}
    FROM (
      SELECT r.rule_id, ${day} AS day, r.dataset_id, r.id, r.queued_at, r.status, r.pass_rate,
        ${shareSql('r.status', 'r.pass_rate')} AS share, v.severity, v.type,
        ${weightSql('v.severity')} AS weight,
        ${dimensionSql('v.type')} AS dimension,
        SUM(CASE WHEN r.status = 'passed' THEN 1 ELSE 0 END) OVER w AS passed,
        SUM(CASE WHEN r.status = 'failed' THEN 1 ELSE 0 END) OVER w AS failed,
        SUM(CASE WHEN r.status = 'error' THEN 1 ELSE 0 END) OVER w AS errored,
        SUM(CASE WHEN r.status = 'error' THEN 0.0 ELSE COALESCE(r.pass_rate, 0.0) END) OVER w AS pass_rate_sum,
        ROW_NUMBER() OVER (PARTITION BY r.rule_id, ${day} ORDER BY r.queued_at DESC, r.id DESC) AS rn
      FROM rule_runs r JOIN rule_versions v ON v.id = r.rule_version_id
      WHERE r.status IN ${FINISHED} ${where}
      WINDOW w AS (PARTITION BY r.rule_id, ${day})
    ) x
    WHERE rn = 1 ${scope ? '' : 'ORDER BY day, rule_id'}
    ON CONFLICT (rule_id, day) DO UPDATE SET
      dataset_id = excluded.dataset_id, passed = excluded.passed, failed = excluded.failed,
      errored = excluded.errored, pass_rate_sum = excluded.pass_rate_sum,
      last_run_id = excluded.last_run_id, last_queued_at = excluded.last_queued_at,
      last_status = excluded.last_status, last_pass_rate = excluded.last_pass_rate,
      last_share = excluded.last_share, severity = excluded.severity, type = excluded.type,
      weight = excluded.weight, dimension = excluded.dimension, cum_passed = excluded.cum_passed,
      cum_failed = excluded.cum_failed, cum_errored = excluded.cum_errored,
      cum_pass_rate_sum = excluded.cum_pass_rate_sum`;
  return { sql, params: scope ?? {} };
}

/** Running totals of a rule's days from `day` on (a late run shifts the later days). */
export function updateRuleTotals(scope: { ruleId: string; day: string }): Statement {
  const sql = `
    UPDATE ${RULE_DAYS} AS t SET cum_passed = s.cp, cum_failed = s.cf, cum_errored = s.ce,
      cum_pass_rate_sum = s.cs
    FROM (
      SELECT rule_id, day,
        SUM(passed) OVER c AS cp, SUM(failed) OVER c AS cf, SUM(errored) OVER c AS ce,
        SUM(pass_rate_sum) OVER c AS cs
      FROM ${RULE_DAYS}
      WHERE rule_id = :ruleId
      WINDOW c AS (PARTITION BY rule_id ORDER BY day ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
    ) s
    WHERE t.rule_id = s.rule_id AND t.day = s.day AND t.day >= :day`;
  return { sql, params: scope };
}

/** Rule days → each rule's latest finished run and all-time totals (its last day's running totals). */
export function upsertRuleLatest(scope: { ruleId: string } | null): Statement {
  const sql = `
    INSERT INTO ${RULE_LATEST} (rule_id, dataset_id, day, run_id, queued_at, status, pass_rate, share,
      total_passed, total_failed, total_errored, total_pass_rate_sum)
    SELECT rule_id, dataset_id, day, last_run_id, last_queued_at, last_status, last_pass_rate, last_share,
      cum_passed, cum_failed, cum_errored, cum_pass_rate_sum
    FROM (
      SELECT d.*, ROW_NUMBER() OVER (PARTITION BY rule_id ORDER BY day DESC) AS rn
      FROM ${RULE_DAYS} d ${scope ? 'WHERE rule_id = :ruleId' : ''}
    ) x
    WHERE rn = 1
    ON CONFLICT (rule_id) DO UPDATE SET
      dataset_id = excluded.dataset_id, day = excluded.day, run_id = excluded.run_id,
      queued_at = excluded.queued_at, status = excluded.status, pass_rate = excluded.pass_rate,
      share = excluded.share, total_passed = excluded.total_passed, total_failed = excluded.total_failed,
      total_errored = excluded.total_errored, total_pass_rate_sum = excluded.total_pass_rate_sum`;
  return { sql, params: scope ?? {} };
}

/** Rule days → dataset days (Σ weight and Σ weight·share, overall and per dimension). */
export function upsertDatasetDays(scope: { datasetId: string; day: string } | null): Statement {
  const perDim = QUALITY_DIMENSIONS.flatMap((dim) => [
    `SUM(CASE WHEN dimension = ${quote(dim)} THEN weight ELSE 0 END)`,
    `SUM(CASE WHEN dimension = ${quote(dim)} THEN weight * last_share ELSE 0.0 END)`,
  ]);
  const cols = QUALITY_DIMENSIONS.flatMap((dim) => [`w_${dim}`, `p_${dim}`]);
  const sql = `
    INSERT INTO ${DATASET_DAYS} (day, dataset_id, passed, failed, errored, rules, weight, weighted_pass,
      ${cols.join(', ')})
    SELECT day, dataset_id, SUM(passed), SUM(failed), SUM(errored), COUNT(*), SUM(weight),
      SUM(weight * last_share), ${perDim.join(', ')}
    FROM ${RULE_DAYS}
    WHERE ${scope ? 'dataset_id = :datasetId AND day = :day' : 'true'}
    GROUP BY day, dataset_id
    ON CONFLICT (day, dataset_id) DO UPDATE SET
      passed = excluded.passed, failed = excluded.failed, errored = excluded.errored,
      rules = excluded.rules, weight = excluded.weight, weighted_pass = excluded.weighted_pass,
      ${cols.map((c) => `${c} = excluded.${c}`).join(', ')}`;
  return { sql, params: scope ?? {} };
}

/** Dataset days → days: counts, and per score the number of datasets and the sum of their scores. */
export function upsertDays(scope: { day: string } | null): Statement {
  const perDim = QUALITY_DIMENSIONS.flatMap((dim) => [
    `SUM(CASE WHEN w_${dim} > 0 THEN 1 ELSE 0 END)`,
    `SUM(CASE WHEN w_${dim} > 0 THEN 100.0 * p_${dim} / w_${dim} ELSE 0.0 END)`,
  ]);
  const cols = QUALITY_DIMENSIONS.flatMap((dim) => [`n_${dim}`, `s_${dim}`]);
  const sql = `
    INSERT INTO ${DAYS} (day, passed, failed, errored, datasets, score_sum, ${cols.join(', ')})
    SELECT day, SUM(passed), SUM(failed), SUM(errored),
      SUM(CASE WHEN weight > 0 THEN 1 ELSE 0 END),
      SUM(CASE WHEN weight > 0 THEN 100.0 * weighted_pass / weight ELSE 0.0 END),
      ${perDim.join(', ')}
    FROM ${DATASET_DAYS}
    WHERE ${scope ? 'day = :day' : 'true'}
    GROUP BY day
    ON CONFLICT (day) DO UPDATE SET
      passed = excluded.passed, failed = excluded.failed, errored = excluded.errored,
      datasets = excluded.datasets, score_sum = excluded.score_sum,
      ${cols.map((c) => `${c} = excluded.${c}`).join(', ')}`;
  return { sql, params: scope ?? {} };
}

/**
 * Incidents opened on a span of days → incident days, and those days marked filled. Only for days that
 * are over: an incident's opening time never changes, so a filled day stays right. Two readers filling
 * the same days at once write the same rows (the upsert).
 */
export function fillIncidentDays(d: Dialect, days: { day: string; from: Date; to: Date }[]): Statement[] {
  const first = days[0];
  const last = days[days.length - 1];
  const day = dayOf(d, 'opened_at');
  const marks = days.map((_, i) => `(:d${i})`).join(', ');
  return [
    {
      sql: `DELETE FROM ${INCIDENT_DAYS} WHERE day >= :first AND day <= :last`,
      params: { first: first.day, last: last.day },
    },
    {
      sql: `INSERT INTO ${INCIDENT_DAYS} (day, dataset_id, severity, opened)
            SELECT ${day}, dataset_id, severity, COUNT(*) FROM incidents
            WHERE opened_at >= :from AND opened_at < :to
            GROUP BY ${day}, dataset_id, severity
            ON CONFLICT (day, dataset_id, severity) DO UPDATE SET opened = excluded.opened`,
      params: { from: first.from, to: last.to },
    },
    {
      sql: `INSERT INTO ${INCIDENT_DAYS_DONE} (day) VALUES ${marks} ON CONFLICT (day) DO NOTHING`,
      params: Object.fromEntries(days.map((x, i) => [`d${i}`, x.day])),
    },
  ];
}

/** Everything, from the runs: what the backfill at start and the benchmark's seed execute, in order. */
export function rebuildAll(d: Dialect): Statement[] {
  // Sorts of a million runs stay in memory rather than spill to disk (this transaction only).
  const memory = d === 'postgres' ? [{ sql: `SET LOCAL work_mem = '128MB'`, params: {} }] : [];
  const wipe = [INCIDENT_DAYS_DONE, INCIDENT_DAYS, DAYS, DATASET_DAYS, RULE_LATEST, RULE_DAYS].map((t) => ({
    sql: `DELETE FROM ${t}`,
    params: {},
  }));
  return [
    ...memory,
    ...wipe,
    upsertRuleDays(d, null),
    upsertRuleLatest(null),
    upsertDatasetDays(null),
    upsertDays(null),
  ];
}

/**
 * Binds `:name` placeholders: `$n` on PostgreSQL, `?` on SQLite (where dates become the stored UTC text).
 * `::` (a PostgreSQL cast) is left alone.
 */
export function bind(d: Dialect, stmt: Statement): [string, unknown[]] {
  const values: unknown[] = [];
  const sql = stmt.sql.replace(/(?<![:\w]):([A-Za-z_]\w*)/g, (_m, name: string) => {
    if (!(name in stmt.params)) throw new Error(`No value for :${name}`);
    values.push(toDb(d, stmt.params[name]));
    return d === 'postgres' ? `$${values.length}` : '?';
  });
  return [sql, values];
}

function toDb(d: Dialect, v: unknown): unknown {
  if (v instanceof Date && d === 'sqlite') return v.toISOString().replace('T', ' ').replace('Z', '');
  if (typeof v === 'boolean' && d === 'sqlite') return v ? 1 : 0;
  return v;
}
