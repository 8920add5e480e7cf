import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, IsNull, LessThan, Not, Repository } from 'typeorm';
import { InjectConfig, type AppConfig } from '../../../core/config';
import { InjectProcessRoles, type ProcessRoles } from '../../../core/config/process-roles';
import { NotFoundError } from '../../../core/http/domain-errors';
import { JobQueue } from '../../../core/queue';
import { RulesDatasets } from '../datasets.port';
import { EvidenceStore } from '../evidence/evidence.store';
import { IdempotencyService } from '../idempotency.service';
import { firesAt } from '../rule-dsl';
import type { Rule } from '../rule.entity';
import { RulesService } from '../rules.service';
import { RuleRun } from './rule-run.entity';
import { RunsService } from './runs.service';

const MINUTE = 60_000;
/** Queued runs older than this whose job may have been lost (enqueue failed, embedded restart) are re-queued. */
const REQUEUE_AFTER_MS = 2 * MINUTE;
/** A run still "running" after this long lost its worker for good (Bull gave up on the stalled job). */
const ABANDONED_AFTER_MS = 6 * 60 * MINUTE;
const PRUNE_BATCH = 500;

/** Schedules, evidence retention and recovery of lost jobs: the maintenance queue's work for rules. */
@Injectable()
export class RunMaintenance implements OnApplicationBootstrap {
  private readonly logger = new Logger(RunMaintenance.name);

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    @InjectProcessRoles() private readonly roles: ProcessRoles,
    @InjectRepository(RuleRun) private readonly runs: Repository<RuleRun>,
    private readonly rules: RulesService,
    private readonly runsService: RunsService,
    private readonly datasets: RulesDatasets,
    private readonly evidence: EvidenceStore,
    private readonly idempotency: IdempotencyService,
    private readonly queue: JobQueue,
  ) {}

  /** The in-process queue forgets its jobs on restart: queue the unfinished batches again at once. */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.roles.worker || this.queue.kind !== 'in-process') return;
    const n = await this.requeue(new Date(Date.now() + MINUTE), true).catch((e: unknown) => {
      this.logger.warn(`could not re-queue unfinished runs: ${String(e)}`);
      return 0;
    });
    if (n) this.logger.log(`re-queued ${n} unfinished run batch(es) after a restart`);
  }

  /**
   * Runs of the active scheduled rules whose cron fires at `minute` (a whole UTC minute). One batch per
   * dataset; trigger key `schedule:<ruleId>:<minute>`, so a repeated tick never makes a second run.
   */
  async fireSchedules(at: Date): Promise<{ fired: number; runs: number }> {
    const minute = new Date(Math.floor(at.getTime() / MINUTE) * MINUTE);
    const iso = minute.toISOString();
    const due = (await this.rules.scheduledRules()).filter((r) => r.schedule && firesAt(r.schedule, minute));
    const byDataset = new Map<string, Rule[]>();
    for (const r of due) byDataset.set(r.datasetId, [...(byDataset.get(r.datasetId) ?? []), r]);
    let runs = 0;
    for (const [datasetId, rules] of byDataset) {
      let versionId: string | null;
      try {
        const ds = await this.datasets.describe(datasetId);
        if (!ds.currentVersionId && !ds.schema) continue;
        versionId = ds.currentVersionId;
      } catch (e) {
        if (e instanceof NotFoundError) continue; // rules of a deleted dataset don't run
        throw e;
      }
      const batchTrigger = `schedule:${iso}`;
      const batch = await this.runsService.createBatch({
        datasetId,
        datasetVersionId: versionId,
        trigger: 'schedule',
        batchTrigger,
        rules,
        triggerKeyOf: (rule) => `schedule:${rule.id}:${iso}`,
        requestedBy: null,
      });
      runs += batch.runs.length;
      await this.runsService.enqueueBatch(datasetId, versionId, batchTrigger);
    }
    return { fired: due.length, runs };
  }

  /** Deletes evidence files of runs finished more than EVIDENCE_RETENTION_DAYS ago; the run rows stay. */
  async pruneEvidence(now: Date): Promise<number> {
    const cutoff = new Date(now.getTime() - this.config.rules.evidenceRetentionDays * 24 * 60 * MINUTE);
    let pruned = 0;
    for (;;) {
      const batch = await this.runs.find({
        where: { evidenceFile: Not(IsNull()), evidencePrunedAt: IsNull(), finishedAt: LessThan(cutoff) },
        select: { id: true, evidenceFile: true },
        take: PRUNE_BATCH,
      });
      for (const r of batch) {
        if (r.evidenceFile) await this.evidence.remove(r.evidenceFile);
      }
      if (batch.length) {
        await this.runs.update({ id: In(batch.map((r) => r.id)) }, { evidencePrunedAt: now });
      }
      pruned += batch.length;
      if (batch.length < PRUNE_BATCH) break;
    }
    await this.idempotency.prune(now);
    return pruned;
  }

  /**
   * Re-queues batches with runs queued for a while (their enqueue failed, or the queue lost them), and
   * ends runs whose worker was lost for good. Job ids are the batches' own, so a live job is untouched.
   */
  async recover(now: Date): Promise<{ requeued: number; abandoned: number }> {
    const requeued = await this.requeue(new Date(now.getTime() - REQUEUE_AFTER_MS), false);
    const stale = await this.runs.find({
      where: { status: 'running', startedAt: LessThan(new Date(now.getTime() - ABANDONED_AFTER_MS)) },
      select: { id: true },
    });
    if (stale.length) {
      await this.runs.update(
        { id: In(stale.map((r) => r.id)), status: 'running' },
        {
          status: 'error',
          verdict: 'ERROR',
          finishedAt: now,
          error: 'The run was abandoned: its worker stopped and the job could not be resumed',
        },
      );
    }
    return { requeued, abandoned: stale.length };
  }

  private async requeue(queuedBefore: Date, includeRunning: boolean): Promise<number> {
    const rows = await this.runs
      .createQueryBuilder('r')
      .select(['r.batchKey', 'r.datasetId', 'r.datasetVersionId'])
      .where('r.status IN (:...statuses)', { statuses: includeRunning ? ['queued', 'running'] : ['queued'] })
      .andWhere('r.queuedAt < :before', { before: queuedBefore })
      .groupBy('r.batchKey')
      .addGroupBy('r.datasetId')
      .addGroupBy('r.datasetVersionId')
      .getRawMany<{ r_batch_key: string; r_dataset_id: string; r_dataset_version_id: string | null }>();
    let n = 0;
    for (const row of rows) {
      const batchTrigger = row.r_batch_key.split('|').slice(2).join('|');
      try {
        await this.runsService.enqueueBatch(row.r_dataset_id, row.r_dataset_version_id, batchTrigger);
        n++;
      } catch (e) {
        this.logger.warn(`could not re-queue batch ${row.r_batch_key}: ${String(e)}`);
        break;
      }
    }
    return n;
  }
}
