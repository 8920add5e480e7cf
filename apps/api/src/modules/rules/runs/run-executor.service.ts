import {
  parseRule,
  referencedColumns,
  runRuleSet,
  type RuleResult,
  type RuleToRun,
  type RunPlan,
} from '@dqw/rule-engine';
import type { RunPlanDto, RunProgressEventData, RunStatus } from '@dqw/shared-types';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, IsNull, Not, Repository } from 'typeorm';
import { InjectConfig, type AppConfig } from '../../../core/config';
import { Db } from '../../../core/database/db.service';
import { EventBus } from '../../../core/events';
import { NotFoundError } from '../../../core/http/domain-errors';
import type { JobContext, RunBatchPayload } from '../../../core/queue';
import { RulesDatasets, type OpenedDataset } from '../datasets.port';
import { EvidenceStore } from '../evidence/evidence.store';
import { regexEngine } from '../regex';
import { RulesService } from '../rules.service';
import { RuleRun } from './rule-run.entity';
import { RunOutcomeHooks } from './run-outcome-hooks';
import { toRunDto, type VersionFacts } from './run.mapper';
import { RunsService } from './runs.service';

/** Each statement kept in a run's plan is cut to this length (a batch of 1,000 rules is one long statement). */
const MAX_PLAN_STATEMENT = 10_000;
const UNFINISHED: RunStatus[] = ['queued', 'running'];
/** Longest a batch waits for its version's first profile (its column types) before running anyway. */
const PROFILE_WAIT_MS = 15 * 60_000;
const PROFILE_POLL_MS = 500;

interface StoredResult {
  run: RuleRun;
  result: RuleResult;
}

function cut(sql: string): string {
  return sql.length <= MAX_PLAN_STATEMENT
    ? sql
    : `${sql.slice(0, MAX_PLAN_STATEMENT)}… (${sql.length - MAX_PLAN_STATEMENT} more characters)`;
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * The processor of `rule-runs:run-batch`, the same code under Bull and in-process: checks every
 * unfinished run of a batch in one scan of the dataset version, stores each result on its run row
 * (only if the row is still unfinished, so a duplicate or retried job changes nothing), writes the
 * evidence, publishes progress and state changes, then hands finished runs to the outcome hooks.
 */
@Injectable()
export class RunExecutor {
  private readonly logger = new Logger(RunExecutor.name);

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly db: Db,
    @InjectRepository(RuleRun) private readonly runs: Repository<RuleRun>,
    private readonly runsService: RunsService,
    private readonly rules: RulesService,
    private readonly datasets: RulesDatasets,
    private readonly evidence: EvidenceStore,
    private readonly events: EventBus,
    private readonly hooks: RunOutcomeHooks,
  ) {}

  async processBatch(job: JobContext<RunBatchPayload>): Promise<{ finished: number }> {
    const { batchKey, datasetId, datasetVersionId } = job.data;
    const pending = await this.runs.findBy({ batchKey, status: In(UNFINISHED) });
    let finished = 0;
    if (pending.length > 0) {
      try {
        if (datasetVersionId) await this.waitForProfile(datasetId, datasetVersionId);
        finished = await this.check(job, pending);
      } catch (e) {
        // The last try of a job that keeps failing ends its runs in ERROR rather than leaving them running.
        if (job.attempt >= job.maxAttempts) {
          await this.finishAllInError(pending, `The run failed after ${job.attempt} tries: ${message(e)}`);
        } else {
          throw e;
        }
      }
    }
    await this.deliverOutcomes(batchKey);
    if (pending.length > 0) {
      const runIds = pending.map((r) => r.id);
      this.progress(job, { datasetId, datasetVersionId, runIds, percent: 100, phase: 'done' });
    }
    return { finished };
  }

  /**
   * A run asked for right after an upload must see the version's column types, which its first profile
   * settles: until then every column reads as text (IN_RANGE would be an ERROR). The profile is on
   * another queue, so waiting here never blocks it.
   */
  private async waitForProfile(datasetId: string, versionId: string): Promise<void> {
    const deadline = Date.now() + PROFILE_WAIT_MS;
    for (;;) {
      const status = await this.datasets.versionStatus(datasetId, versionId);
      if (status !== 'uploaded' && status !== 'profiling') return;
      if (Date.now() > deadline) {
        this.logger.warn(
          `version ${versionId} still not profiled after ${PROFILE_WAIT_MS} ms: running anyway`,
        );
        return;
      }
      await new Promise((r) => setTimeout(r, PROFILE_POLL_MS));
    }
  }

  private async check(job: JobContext<RunBatchPayload>, pending: RuleRun[]): Promise<number> {
    const { datasetId, datasetVersionId } = job.data;
    const runIds = pending.map((r) => r.id);
    const startedAt = new Date();
    await this.runs
      .createQueryBuilder()
      .update(RuleRun)
      .set({ status: 'running', startedAt, attempts: () => 'attempts + 1' })
      .where({ id: In(runIds), status: In(UNFINISHED) })
      .execute();
    const running = await this.runs.findBy({ id: In(runIds), status: 'running' });
    if (running.length === 0) return 0;
    const facts = await this.runsService.versionFacts(running);
    await this.publishRuns(running, facts);
    this.progress(job, { datasetId, datasetVersionId, runIds, percent: 5, phase: 'opening' });

    const asts = new Map<string, RuleToRun>();
    const early = new Map<string, RuleResult>();
    for (const run of running) {
      const parsed = parseRule(this.runsService.factsOf(facts, run).dsl);
      if (parsed.ok) asts.set(run.id, { id: run.id, ast: parsed.ast });
      else
        early.set(
          run.id,
          errorResult(run.id, `The rule text no longer parses: ${parsed.errors[0]?.message}`),
        );
    }
    const foreign = [...asts.values()].flatMap((r) =>
      r.ast.type === 'FOREIGN_KEY' ? [r.ast.refDataset] : [],
    );

    let opened: OpenedDataset;
    try {
      opened = await this.datasets.open(datasetId, { versionId: datasetVersionId, foreignDatasets: foreign });
    } catch (e) {
      if (!(e instanceof NotFoundError)) throw e;
      const what = /version/i.test(e.message) ? `: ${e.message}` : ' (it was deleted)';
      return this.finishAllInError(running, `Dataset ${datasetId} no longer exists${what}`);
    }
    let results: Map<string, RuleResult>;
    let plan: RunPlan;
    try {
      // A column dropped by a later version: name it rather than let the SQL fail.
      const have = new Set(opened.ref.schema.columns.map((c) => c.name));
      const runnable: RuleToRun[] = [];
      for (const r of asts.values()) {
        const missing = referencedColumns(r.ast).filter((c) => !have.has(c));
        if (missing.length === 0) runnable.push(r);
        else early.set(r.id, errorResult(r.id, droppedMessage(missing, opened)));
      }
      this.progress(job, { datasetId, datasetVersionId, runIds, percent: 15, phase: 'scanning' });
      const out = runnable.length
        ? await runRuleSet(opened.runner, opened.ref, runnable, {
            sampleSize: this.config.rules.evidenceRows,
            now: startedAt,
            resolveDataset: (name) => opened.resolveDataset(name),
            regexEngine: regexEngine(),
          })
        : {
            results: [],
            plan: { scans: 0, sampleQueries: 0, rowsScanned: 0, statements: [] },
            durationMs: 0,
          };
      results = new Map([...early, ...out.results.map((r) => [r.ruleId, r] as const)]);
      plan = out.plan;
    } finally {
      await opened
        .close()
        .catch((e: unknown) => this.logger.warn(`closing dataset ${datasetId}: ${message(e)}`));
    }
    if ([...results.values()].some((r) => r.verdict === 'ERROR') && !(await this.stillExists(datasetId))) {
      return this.finishAllInError(running, `Dataset ${datasetId} was deleted while the run was in progress`);
    }

    this.progress(job, { datasetId, datasetVersionId, runIds, percent: 85, phase: 'storing' });
    const planDto: RunPlanDto = {
      scans: plan.scans,
      sampleQueries: plan.sampleQueries,
      rowsScanned: plan.rowsScanned,
      statements: plan.statements.map(cut),
      batchSize: running.length,
      foreignVersions: opened.foreignVersions(),
    };
    const stored: StoredResult[] = running.map((run) => ({
      run,
      result: results.get(run.id) ?? errorResult(run.id, 'The rule was not run'),
    }));
    return this.store(stored, planDto, opened, startedAt, facts);
  }

  /** Writes evidence, then stores each result if its run is still unfinished. */
  private async store(
    stored: StoredResult[],
    plan: RunPlanDto,
    opened: OpenedDataset,
    startedAt: Date,
    facts: Map<string, VersionFacts>,
  ): Promise<number> {
    const columns = opened.ref.schema.columns.map((c) => c.name);
    const keyColumns = opened.ref.schema.keyColumns ?? [];
    const files = new Map<string, string>();
    for (const { run, result } of stored) {
      if (result.samples.length === 0) continue;
      files.set(
        run.id,
        await this.evidence.write(
          {
            runId: run.id,
            ruleId: run.ruleId,
            datasetId: run.datasetId,
            datasetVersionId: run.datasetVersionId,
            columns,
            keyColumns,
            failedCount: result.failedCount,
            rows: result.samples.map((s) => ({
              rowNumber: s.rowNumber,
              ...(s.key ? { key: s.key } : {}),
              values: s.values,
            })),
            truncated: result.samples.length < result.failedCount,
          },
          opened.dataset.sensitive,
        ),
      );
    }
    const finishedAt = new Date();
    const planJson = JSON.stringify(plan);
    const done: string[] = [];
    await this.db.transaction(async (em) => {
      for (const { run, result } of stored) {
        const res = await em
          .createQueryBuilder()
          .update(RuleRun)
          .set({
            status: statusOf(result),
            verdict: result.verdict,
            rowsChecked: result.verdict === 'ERROR' ? null : result.rowsChecked,
            failedCount: result.verdict === 'ERROR' ? null : result.failedCount,
            passRate: result.verdict === 'ERROR' ? null : result.passRate,
            error: result.error ?? null,
            finishedAt,
            durationMs: Math.max(0, finishedAt.getTime() - startedAt.getTime()),
            plan: planJson,
            evidenceFile: files.get(run.id) ?? null,
            evidenceRows: result.samples.length,
          })
          .where({ id: run.id, status: 'running' })
          .execute();
        if (res.affected) done.push(run.id);
      }
    });
    const finished = await this.runs.findBy({ id: In(done) });
    await this.publishRuns(finished, facts);
    return finished.length;
  }

  private async finishAllInError(runs: RuleRun[], error: string): Promise<number> {
    const finishedAt = new Date();
    const ids = runs.map((r) => r.id);
    await this.db.transaction(async (em) => {
      await em
        .createQueryBuilder()
        .update(RuleRun)
        .set({
          status: 'error',
          verdict: 'ERROR',
          error,
          finishedAt,
          startedAt: () => 'COALESCE(started_at, queued_at)',
        })
        .where({ id: In(ids), status: In(UNFINISHED) })
        .execute();
    });
    const finished = (await this.runs.findBy({ id: In(ids) })).filter((r) => r.status === 'error');
    for (const r of finished) {
      if (r.startedAt && r.durationMs === null) {
        r.durationMs = Math.max(0, (r.finishedAt ?? finishedAt).getTime() - r.startedAt.getTime());
        await this.runs.update({ id: r.id }, { durationMs: r.durationMs });
      }
    }
    await this.publishRuns(finished, await this.runsService.versionFacts(finished));
    return finished.length;
  }

  /** Hands every finished, not yet handled run of the batch to the hooks; marks each once all hooks returned. */
  private async deliverOutcomes(batchKey: string): Promise<void> {
    const runs = await this.runs.find({
      where: { batchKey, status: Not(In(UNFINISHED)), outcomeHandledAt: IsNull() },
      order: { finishedAt: 'ASC' },
    });
    if (runs.length === 0) return;
    if (this.hooks.size > 0) {
      const facts = await this.runsService.versionFacts(runs);
      const rules = new Map(
        (await this.rules.findAnyOf([...new Set(runs.map((r) => r.ruleId))])).map((r) => [r.id, r]),
      );
      for (const run of runs) {
        const rule = rules.get(run.ruleId);
        const v = this.runsService.factsOf(facts, run);
        await this.hooks.deliver({
          run: toRunDto(run, v),
          rule: {
            id: run.ruleId,
            name: rule?.name ?? v.name,
            datasetId: run.datasetId,
            severity: rule?.severity ?? 'MEDIUM',
            ownerId: rule?.ownerId ?? null,
            deleted: !rule || rule.deletedAt !== null,
          },
        });
        await this.runs.update({ id: run.id }, { outcomeHandledAt: new Date() });
      }
      return;
    }
    await this.runs.update({ id: In(runs.map((r) => r.id)) }, { outcomeHandledAt: new Date() });
  }

  private async stillExists(datasetId: string): Promise<boolean> {
    try {
      await this.datasets.describe(datasetId);
      return true;
    } catch (e) {
      if (e instanceof NotFoundError) return false;
      throw e;
    }
  }

  private async publishRuns(runs: RuleRun[], facts: Map<string, VersionFacts>): Promise<void> {
    for (const run of runs) {
      this.events.publish({
        type: 'run.updated',
        data: toRunDto(run, this.runsService.factsOf(facts, run)) as unknown as Record<string, unknown>,
      });
    }
  }

  private progress(job: JobContext<RunBatchPayload>, data: RunProgressEventData): void {
    this.events.publish({ type: 'run.progress', data: data as unknown as Record<string, unknown> });
    job.progress(data.percent).catch(() => undefined);
  }
}

function statusOf(r: RuleResult): RunStatus {
  return r.verdict === 'PASSED' ? 'passed' : r.verdict === 'FAILED' ? 'failed' : 'error';
}

function errorResult(ruleId: string, error: string): RuleResult {
  return {
    ruleId,
    rowsChecked: 0,
    failedCount: 0,
    passRate: 0,
    verdict: 'ERROR',
    error,
    samples: [],
    durationMs: 0,
  };
}

function droppedMessage(missing: string[], opened: OpenedDataset): string {
  const cols = missing.map((c) => `'${c}'`).join(', ');
  const version = opened.versionNumber !== null ? `version ${opened.versionNumber} of ` : '';
  return `Column${missing.length === 1 ? '' : 's'} ${cols} ${missing.length === 1 ? 'is' : 'are'} not in ${version}dataset '${opened.dataset.name}' (dropped since the rule was written); edit or deactivate the rule`;
}
