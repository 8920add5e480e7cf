import type { QualityDimension, RuleType, RunStatus, Severity } from '@dqw/shared-types';
import { QUALITY_DIMENSIONS } from '@dqw/shared-types';
import { Injectable } from '@nestjs/common';
import { Db } from '../../core/database/db.service';
import { bind, fillIncidentDays, type Statement } from './aggregates.sql';
import {
  countsQuery,
  currentRulesQuery,
  dayRulesQuery,
  daysQuery,
  datasetNamesQuery,
  heatmapQuery,
  incidentDayTotalsQuery,
  incidentDaysDoneQuery,
  incidentDaysQuery,
  incidentsQuery,
  ruleWindowsQuery,
  runsSinceQuery,
} from './dashboard.queries';
import { dayWindow, type DayWindow } from './days';
import type { FinishedStatus, ScoreRuleInput } from './quality-score';

type Row = Record<string, unknown>;

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const bool = (v: unknown): boolean => v === true || v === 1 || v === '1' || v === 't';
/** PostgreSQL answers Date objects; SQLite the stored UTC text. */
export const iso = (v: unknown): string =>
  v instanceof Date ? v.toISOString() : `${String(v).replace(' ', 'T')}${String(v).endsWith('Z') ? '' : 'Z'}`;

export interface DayTotalsRow {
  day: string;
  passed: number;
  failed: number;
  errored: number;
  /** Scored datasets of the day and the sum of their scores (overall and per dimension). */
  datasets: number;
  scoreSum: number;
  dims: Record<QualityDimension, { n: number; sum: number }>;
}

export interface RuleWindowRow {
  ruleId: string;
  ruleName: string;
  datasetId: string;
  datasetName: string | null;
  type: RuleType;
  severity: Severity;
  active: boolean;
  passed: number;
  failed: number;
  errored: number;
  passRateSum: number;
  lastRunId: string;
  lastRunAt: string;
}

export interface HeatmapCell {
  datasetId: string;
  day: string;
  severity: Severity;
  n: number;
}

export interface HeatmapData {
  /** Every dataset with incidents in the range, most first. */
  ranked: { datasetId: string; datasetName: string | null; total: number }[];
  /** The first `limit` of them. */
  top: { datasetId: string; datasetName: string | null; total: number }[];
  /** Counts per day and severity of the `top` datasets. */
  cells: HeatmapCell[];
}

const toCell = (r: Row): HeatmapCell => ({
  datasetId: String(r['dataset_id']),
  day: String(r['day']),
  severity: r['severity'] as Severity,
  n: num(r['n']),
});

/** Queries of the dashboard: the aggregates, plus small counts on datasets, rules, runs and incidents. */
@Injectable()
export class DashboardRepository {
  constructor(private readonly db: Db) {}

  private async rows(stmt: Statement): Promise<Row[]> {
    return (await this.db.dataSource.query(...bind(this.db.dialect, stmt))) as Row[];
  }

  async datasetExists(id: string): Promise<boolean> {
    return (
      (await this.rows({ sql: 'SELECT 1 AS x FROM datasets WHERE id = :id', params: { id } })).length > 0
    );
  }

  /** Active rules (of live datasets) with their latest finished run: the input of the current score. */
  async currentRules(datasetIds: string[] | null): Promise<ScoreRuleInput[]> {
    const rows = await this.rows(currentRulesQuery(datasetIds));
    return rows.map((r) => ({
      ruleId: String(r['id']),
      ruleName: String(r['name']),
      datasetId: String(r['dataset_id']),
      datasetName: String(r['dataset_name']),
      type: r['type'] as RuleType,
      severity: r['severity'] as Severity,
      active: true,
      deleted: false,
      run: r['run_id']
        ? {
            id: String(r['run_id']),
            status: r['status'] as FinishedStatus,
            passRate: numOrNull(r['pass_rate']),
            queuedAt: iso(r['queued_at']),
          }
        : null,
    }));
  }

  /** The rules that ran on a day, each with its last run of the day (as weighed then). */
  async dayRules(day: string, datasetId: string | null): Promise<ScoreRuleInput[]> {
    const rows = await this.rows(dayRulesQuery(day, datasetId));
    return rows.map((r) => ({
      ruleId: String(r['rule_id']),
      ruleName: r['rule_name'] === null ? '(unknown rule)' : String(r['rule_name']),
      datasetId: String(r['dataset_id']),
      datasetName: r['dataset_name'] === null ? '(deleted dataset)' : String(r['dataset_name']),
      type: r['type'] as RuleType,
      severity: r['severity'] as Severity,
      active: true,
      deleted: false,
      run: {
        id: String(r['last_run_id']),
        status: r['last_status'] as FinishedStatus,
        passRate: numOrNull(r['last_pass_rate']),
        queuedAt: iso(r['last_queued_at']),
      },
    }));
  }

  async counts(datasetId: string | null): Promise<{ datasets: number; activeRules: number }> {
    const [row] = await this.rows(countsQuery(datasetId));
    return { datasets: num(row['datasets']), activeRules: num(row['rules']) };
  }

  /** Unresolved incidents by severity: OPEN/ACKNOWLEDGED ones, and those (muted too) with an SLA breach. */
  async incidents(datasetId: string | null): Promise<{ open: Record<Severity, number>; breached: number }> {
    const rows = await this.rows(incidentsQuery(datasetId));
    const open: Record<Severity, number> = { HIGH: 0, MEDIUM: 0, LOW: 0 };
    let breached = 0;
    for (const r of rows) {
      if (String(r['severity']) in open) open[r['severity'] as Severity] = num(r['open']);
      breached += num(r['breached']);
    }
    return { open, breached };
  }

  /** Runs queued since a moment, by status. */
  async runsSince(since: Date, datasetId: string | null): Promise<Record<RunStatus, number>> {
    const rows = await this.rows(runsSinceQuery(since, datasetId));
    const out: Record<RunStatus, number> = { queued: 0, running: 0, passed: 0, failed: 0, error: 0 };
    for (const r of rows) if (String(r['status']) in out) out[r['status'] as RunStatus] = num(r['n']);
    return out;
  }

  /** Daily totals from `start` on: all datasets (dashboard_days) or one (dashboard_dataset_days). */
  async days(start: string, datasetId: string | null): Promise<DayTotalsRow[]> {
    if (datasetId) {
      const rows = await this.rows(daysQuery(start, datasetId));
      return rows.map((r) => {
        const weight = num(r['weight']);
        return {
          day: String(r['day']),
          passed: num(r['passed']),
          failed: num(r['failed']),
          errored: num(r['errored']),
          datasets: weight > 0 ? 1 : 0,
          scoreSum: weight > 0 ? (100 * num(r['weighted_pass'])) / weight : 0,
          dims: dimsOf((dim) => {
            const w = num(r[`w_${dim}`]);
            return { n: w > 0 ? 1 : 0, sum: w > 0 ? (100 * num(r[`p_${dim}`])) / w : 0 };
          }),
        };
      });
    }
    const rows = await this.rows(daysQuery(start, null));
    return rows.map((r) => ({
      day: String(r['day']),
      passed: num(r['passed']),
      failed: num(r['failed']),
      errored: num(r['errored']),
      datasets: num(r['datasets']),
      scoreSum: num(r['score_sum']),
      dims: dimsOf((dim) => ({ n: num(r[`n_${dim}`]), sum: num(r[`s_${dim}`]) })),
    }));
  }

  /**
   * Each (not deleted) rule's runs queued from `start` on: its all-time totals minus its running totals
   * at its last day before `start` — two index lookups per rule, whatever the number of runs.
   */
  async ruleWindows(start: string, datasetId: string | null): Promise<RuleWindowRow[]> {
    const rows = await this.rows(ruleWindowsQuery(this.db.dialect, start, datasetId));
    return rows.map((r) => ({
      ruleId: String(r['rule_id']),
      ruleName: String(r['name']),
      datasetId: String(r['dataset_id']),
      datasetName: r['dataset_name'] === null ? null : String(r['dataset_name']),
      type: r['type'] as RuleType,
      severity: r['severity'] as Severity,
      active: bool(r['active']),
      passed: num(r['passed']),
      failed: num(r['failed']),
      errored: num(r['errored']),
      passRateSum: num(r['pass_rate_sum']),
      lastRunId: String(r['run_id']),
      lastRunAt: iso(r['queued_at']),
    }));
  }

  /**
   * Incidents opened on the given days: each dataset's total, and per day and severity for the `limit`
   * datasets with the most. Days before yesterday come from dashboard_incident_days (filled here the
   * first time they are asked for); yesterday and today are counted from the incidents table (a short
   * index range), as incidents are still being opened on them.
   */
  async heatmap(days: DayWindow[], datasetId: string | null, now: Date, limit: number): Promise<HeatmapData> {
    const yesterday = dayWindow(new Date(now.getTime() - 86_400_000));
    const closed = days.filter((d) => d.day < yesterday.day);
    const totals = new Map<string, number>();
    const add = (id: string, n: number) => totals.set(id, (totals.get(id) ?? 0) + n);
    if (closed.length) {
      await this.fillIncidentDays(closed, yesterday.day);
      for (const r of await this.rows(incidentDayTotalsQuery(closed[0].day, yesterday.day, datasetId))) {
        add(String(r['dataset_id']), num(r['n']));
      }
    }
    const since = days[0].from > yesterday.from ? days[0].from : yesterday.from;
    const live = (await this.rows(heatmapQuery(this.db.dialect, since, datasetId))).map(toCell);
    for (const c of live) add(c.datasetId, c.n);

    const names = new Map<string, string>();
    if (totals.size) {
      for (const r of await this.rows(datasetNamesQuery([...totals.keys()])))
        names.set(String(r['id']), String(r['name']));
    }
    const ranked = [...totals]
      .map(([id, total]) => ({ datasetId: id, datasetName: names.get(id) ?? null, total }))
      .sort(
        (a, b) =>
          b.total - a.total ||
          (a.datasetName ?? '').localeCompare(b.datasetName ?? '') ||
          a.datasetId.localeCompare(b.datasetId),
      );
    const top = ranked.slice(0, limit);
    const chosen = new Set(top.map((t) => t.datasetId));
    const cells = live.filter((c) => chosen.has(c.datasetId));
    if (closed.length && top.length) {
      const rows = await this.rows(incidentDaysQuery(closed[0].day, yesterday.day, [...chosen]));
      cells.push(...rows.map(toCell));
    }
    return { ranked, top, cells };
  }

  /** Counts the incidents of past days not counted yet (one span, from the first to the last missing day). */
  private async fillIncidentDays(closed: DayWindow[], before: string): Promise<void> {
    const done = new Set(
      (await this.rows(incidentDaysDoneQuery(closed[0].day, before))).map((r) => String(r['day'])),
    );
    const missing = closed.filter((d) => !done.has(d.day));
    if (!missing.length) return;
    const span = closed.slice(closed.indexOf(missing[0]), closed.indexOf(missing[missing.length - 1]) + 1);
    await this.db.transaction(async (em) => {
      for (const stmt of fillIncidentDays(this.db.dialect, span))
        await em.query(...bind(this.db.dialect, stmt));
    });
  }
}

function dimsOf<T>(fn: (dim: QualityDimension) => T): Record<QualityDimension, T> {
  return Object.fromEntries(QUALITY_DIMENSIONS.map((d) => [d, fn(d)])) as Record<QualityDimension, T>;
}
