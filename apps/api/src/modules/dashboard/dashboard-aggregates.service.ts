import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Db } from '../../core/database/db.service';
import { RunOutcomeHooks, type RunOutcome } from '../rules/runs/run-outcome-hooks';
import {
  bind,
  INCIDENT_DAYS,
  INCIDENT_DAYS_DONE,
  rebuildAll,
  STATE,
  updateRuleTotals,
  upsertDatasetDays,
  upsertDays,
  upsertRuleDays,
  upsertRuleLatest,
  type Statement,
} from './aggregates.sql';
import { dayWindow } from './days';

/** Bump when the aggregates' meaning changes: every process then rebuilds them from the runs once. */
export const AGGREGATES_VERSION = '1';
const STATE_KEY = 'aggregates_version';
/** Advisory lock class of the dashboard (PostgreSQL); the key is hashed with the schema name. */
const LOCK_CLASS = 774_202;

/** The run fields the aggregates need (a RunDetailDto has them). */
export interface FinishedRun {
  id: string;
  ruleId: string;
  datasetId: string;
  status: string;
  queuedAt: string;
}

/**
 * Keeps the dashboard's aggregates current: a run-outcome hook recomputes, for each finished run, the
 * rows it affects (its rule's day, the rule's latest run and totals, its dataset's day, the day) from the
 * stored runs — so a run delivered twice changes nothing. At start it builds them from all runs when they
 * were never built (first start after the upgrade that added them).
 *
 * On PostgreSQL several workers record runs at once: advisory locks taken in one order (rule, dataset
 * day, day) make each recomputation see the others' committed rows; a full rebuild takes the shared
 * lock exclusively. On SQLite, Db.transaction already runs one transaction at a time.
 */
@Injectable()
export class DashboardAggregates implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(DashboardAggregates.name);

  constructor(
    private readonly db: Db,
    private readonly hooks: RunOutcomeHooks,
  ) {}

  onModuleInit(): void {
    this.hooks.register('dashboard', (o: RunOutcome) => this.record(o.run));
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.ensureBuilt();
  }

  /** Takes one finished run into the aggregates (idempotent per run). */
  async record(run: FinishedRun): Promise<void> {
    if (run.status !== 'passed' && run.status !== 'failed' && run.status !== 'error') return;
    const { day, from, to } = dayWindow(new Date(run.queuedAt));
    const d = this.db.dialect;
    await this.db.transaction(async (em) => {
      await this.lock(em, 'all', 'shared');
      await this.lock(em, `rule:${run.ruleId}`);
      await this.exec(em, upsertRuleDays(d, { ruleId: run.ruleId, from, to }));
      await this.exec(em, updateRuleTotals({ ruleId: run.ruleId, day }));
      await this.exec(em, upsertRuleLatest({ ruleId: run.ruleId }));
      await this.lock(em, `dataset-day:${run.datasetId}:${day}`);
      await this.exec(em, upsertDatasetDays({ datasetId: run.datasetId, day }));
      await this.lock(em, `day:${day}`);
      await this.exec(em, upsertDays({ day }));
    });
  }

  /** Builds the aggregates from every run unless they are built at the current version. */
  async ensureBuilt(): Promise<boolean> {
    if ((await this.version(this.db.dataSource.manager)) === AGGREGATES_VERSION) return false;
    return this.db.transaction(async (em) => {
      await this.lock(em, 'all', 'exclusive');
      // Another process may have built them while this one waited for the lock.
      if ((await this.version(em)) === AGGREGATES_VERSION) return false;
      const t0 = Date.now();
      await this.rebuildIn(em);
      await this.exec(em, {
        sql: `INSERT INTO ${STATE} (key, value, updated_at) VALUES (:key, :value, :at)
              ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
        params: { key: STATE_KEY, value: AGGREGATES_VERSION, at: new Date() },
      });
      this.logger.log(`dashboard aggregates built from the stored runs in ${Date.now() - t0} ms`);
      return true;
    });
  }

  /** Recomputes every aggregate from the runs (tests, the benchmark, a repair). */
  async rebuild(): Promise<void> {
    await this.db.transaction(async (em) => {
      await this.lock(em, 'all', 'exclusive');
      await this.rebuildIn(em);
    });
  }

  /**
   * The heatmap fills past days from the incidents once (their opening times never change); after
   * incidents were written into the past (the demo's history) the filled days are dropped, to be filled again.
   */
  async forgetIncidentDays(): Promise<void> {
    await this.db.transaction(async (em) => {
      await em.query(`DELETE FROM ${INCIDENT_DAYS_DONE}`);
      await em.query(`DELETE FROM ${INCIDENT_DAYS}`);
    });
  }

  private async rebuildIn(em: EntityManager): Promise<void> {
    for (const stmt of rebuildAll(this.db.dialect)) await this.exec(em, stmt);
  }

  private async version(em: EntityManager): Promise<string | null> {
    const rows = (await em.query(
      ...bind(this.db.dialect, {
        sql: `SELECT value FROM ${STATE} WHERE key = :key`,
        params: { key: STATE_KEY },
      }),
    )) as { value: string }[];
    return rows[0]?.value ?? null;
  }

  private async exec(em: EntityManager, stmt: Statement): Promise<void> {
    await em.query(...bind(this.db.dialect, stmt));
  }

  private async lock(
    em: EntityManager,
    key: string,
    mode: 'exclusive' | 'shared' = 'exclusive',
  ): Promise<void> {
    if (this.db.dialect !== 'postgres') return;
    const fn = mode === 'shared' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock';
    await em.query(`SELECT ${fn}($1, hashtext(current_schema() || ':' || $2))`, [LOCK_CLASS, key]);
  }
}
