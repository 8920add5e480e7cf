import type {
  EvidenceDto,
  LatestRunsDto,
  Paged,
  RunDetailDto,
  RunRulesResponse,
  RunTrigger,
  RunWithPlanDto,
} from '@dqw/shared-types';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { In, Repository } from 'typeorm';
import type { Principal } from '../../../core/auth/principal';
import { Db } from '../../../core/database/db.service';
import { EventBus } from '../../../core/events';
import { ConflictError, InvalidInputError, NotFoundError } from '../../../core/http/domain-errors';
import { JobQueue, QueueUnavailableError } from '../../../core/queue';
import { AuditService } from '../../audit/audit.service';
import { RulesDatasets } from '../datasets.port';
import type { RunListQueryDto, RunRulesDto } from '../dto/run-requests.dto';
import { EvidenceStore } from '../evidence/evidence.store';
import { IdempotencyService } from '../idempotency.service';
import { RuleVersion } from '../rule-version.entity';
import type { Rule } from '../rule.entity';
import { RulesService } from '../rules.service';
import { GoneError, ServiceUnavailableError } from '../rules.errors';
import { RuleRun } from './rule-run.entity';
import { toRunDto, toRunWithPlanDto, type VersionFacts } from './run.mapper';

/** Rows per INSERT: stays under SQLite's bound-parameter limit with room to spare. */
const INSERT_CHUNK = 200;
const IN_CHUNK = 500;

export interface BatchInput {
  datasetId: string;
  datasetVersionId: string | null;
  trigger: RunTrigger;
  /** Names the batch within the dataset version: `upload`, `schedule:<minute>`, `manual:<request>`. */
  batchTrigger: string;
  rules: Rule[];
  /** The trigger key of each rule's run (unique with rule version and dataset version). */
  triggerKeyOf: (rule: Rule) => string;
  requestedBy: string | null;
}

export const runKeyOf = (
  ruleVersionId: string,
  datasetVersionId: string | null,
  triggerKey: string,
): string => `${ruleVersionId}|${datasetVersionId ?? '-'}|${triggerKey}`;

export const batchKeyOf = (
  datasetId: string,
  datasetVersionId: string | null,
  batchTrigger: string,
): string => `${datasetId}|${datasetVersionId ?? '-'}|${batchTrigger}`;

export const jobIdOf = (datasetId: string, datasetVersionId: string | null, batchTrigger: string): string =>
  `run-batch:${datasetVersionId ?? datasetId}:${batchTrigger}`;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Creating runs (on demand, after uploads, on schedules) and reading them. Runs are created here, in the
 * database, before their job is queued: the unique run key makes every trigger idempotent, and the job
 * (one per batch, with an id derived from the batch) only ever finishes rows that already exist.
 */
@Injectable()
export class RunsService {
  private readonly logger = new Logger(RunsService.name);

  constructor(
    private readonly db: Db,
    @InjectRepository(RuleRun) private readonly runs: Repository<RuleRun>,
    @InjectRepository(RuleVersion) private readonly versions: Repository<RuleVersion>,
    private readonly rules: RulesService,
    private readonly datasets: RulesDatasets,
    private readonly queue: JobQueue,
    private readonly idempotency: IdempotencyService,
    private readonly evidence: EvidenceStore,
    private readonly audit: AuditService,
    private readonly events: EventBus,
  ) {}

  /** `POST /api/rules/run`. With an Idempotency-Key, repeats get the first answer. */
  request(dto: RunRulesDto, by: Principal, idempotencyKey?: string): Promise<RunRulesResponse> {
    if (idempotencyKey === undefined) return this.requestNow(dto, by, randomUUID(), false);
    return this.idempotency.run('rules.run', by.userId, idempotencyKey, dto, (requestId, resumed) =>
      this.requestNow(dto, by, requestId, resumed),
    );
  }

  /**
   * Queues runs of the active rules of a dataset for a new version (trigger `upload`). Idempotent: a
   * second call for the same version returns the same runs. Never throws for a queue outage: the runs
   * stay queued and the recovery job enqueues them once the queue is back. With `rulesCreatedBy`, only
   * the rules created by then.
   */
  async enqueueForVersion(
    datasetId: string,
    versionId: string,
    trigger: 'upload' = 'upload',
    rulesCreatedBy?: Date,
  ): Promise<{ id: string; ruleId: string }[]> {
    const rules = (await this.rules.activeRulesOf(datasetId)).filter(
      (r) => !rulesCreatedBy || r.createdAt.getTime() <= rulesCreatedBy.getTime(),
    );
    if (rules.length === 0) return [];
    const { runs } = await this.createBatch({
      datasetId,
      datasetVersionId: versionId,
      trigger,
      batchTrigger: trigger,
      rules,
      triggerKeyOf: () => `${trigger}:${versionId}`,
      requestedBy: null,
    });
    await this.enqueueBatch(datasetId, versionId, trigger).catch((e: unknown) => {
      this.logger.warn(`runs for dataset ${datasetId} version ${versionId} stay queued: ${String(e)}`);
    });
    return runs.map((r) => ({ id: r.id, ruleId: r.ruleId }));
  }

  /** Inserts the batch's runs (existing run keys are kept, not duplicated) and returns them. */
  async createBatch(
    input: BatchInput,
  ): Promise<{ runs: RuleRun[]; batchKey: string; createdIds: Set<string> }> {
    const batchKey = batchKeyOf(input.datasetId, input.datasetVersionId, input.batchTrigger);
    const now = new Date();
    const rows = input.rules.map((rule) => {
      const triggerKey = input.triggerKeyOf(rule);
      return this.runs.create({
        id: randomUUID(),
        ruleId: rule.id,
        ruleVersionId: rule.versionId,
        datasetId: input.datasetId,
        datasetVersionId: input.datasetVersionId,
        status: 'queued',
        trigger: input.trigger,
        triggerKey,
        runKey: runKeyOf(rule.versionId, input.datasetVersionId, triggerKey),
        batchKey,
        rowsChecked: null,
        failedCount: null,
        passRate: null,
        verdict: null,
        error: null,
        attempts: 0,
        queuedAt: now,
        startedAt: null,
        finishedAt: null,
        durationMs: null,
        plan: null,
        evidenceFile: null,
        evidenceRows: 0,
        evidencePrunedAt: null,
        outcomeHandledAt: null,
        requestedBy: input.requestedBy,
      });
    });
    await this.db.transaction(async (em) => {
      for (const chunk of chunks(rows, INSERT_CHUNK)) {
        // A run key that exists already (a repeated trigger) is left as it is.
        await em.createQueryBuilder().insert().into(RuleRun).values(chunk).orIgnore().execute();
      }
    });
    const byKey = new Map<string, RuleRun>();
    for (const keys of chunks(
      rows.map((r) => r.runKey),
      IN_CHUNK,
    )) {
      for (const run of await this.runs.findBy({ runKey: In(keys) })) byKey.set(run.runKey, run);
    }
    const runs = rows.map((r) => byKey.get(r.runKey)).filter((r): r is RuleRun => r !== undefined);
    const ours = new Set(rows.map((r) => r.id));
    const facts = await this.versionFacts(runs.filter((r) => ours.has(r.id)));
    for (const run of runs) {
      if (!ours.has(run.id)) continue;
      this.events.publish({
        type: 'run.updated',
        data: toRunDto(run, this.factsOf(facts, run)) as unknown as Record<string, unknown>,
      });
    }
    return { runs, batchKey, createdIds: new Set(runs.filter((r) => ours.has(r.id)).map((r) => r.id)) };
  }

  /** Queues the batch's job; its id is derived from the batch, so repeats collapse. */
  async enqueueBatch(
    datasetId: string,
    datasetVersionId: string | null,
    batchTrigger: string,
  ): Promise<void> {
    await this.queue.enqueue(
      'rule-runs',
      'run-batch',
      { datasetId, datasetVersionId, batchKey: batchKeyOf(datasetId, datasetVersionId, batchTrigger) },
      { jobId: jobIdOf(datasetId, datasetVersionId, batchTrigger) },
    );
  }

  async list(q: RunListQueryDto): Promise<Paged<RunDetailDto>> {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    const qb = this.runs.createQueryBuilder('r');
    if (q.datasetId) qb.andWhere('r.datasetId = :datasetId', { datasetId: q.datasetId });
    if (q.ruleId) qb.andWhere('r.ruleId = :ruleId', { ruleId: q.ruleId });
    if (q.status) qb.andWhere('r.status = :status', { status: q.status });
    if (q.verdict) qb.andWhere('r.verdict = :verdict', { verdict: q.verdict });
    if (q.trigger) qb.andWhere('r.trigger = :trigger', { trigger: q.trigger });
    if (q.from) qb.andWhere('r.queuedAt >= :from', { from: new Date(q.from) });
    if (q.to) qb.andWhere('r.queuedAt < :to', { to: new Date(q.to) });
    const [rows, total] = await qb
      .orderBy('r.queuedAt', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    const facts = await this.versionFacts(rows);
    return { items: rows.map((r) => toRunDto(r, this.factsOf(facts, r))), total, page, pageSize };
  }

  /** Each rule's newest run (one indexed lookup per rule: rule_id, queued_at); rules that never ran are left out. */
  async latest(ruleIds: readonly string[]): Promise<LatestRunsDto> {
    const found = await Promise.all(
      [...new Set(ruleIds)].map((ruleId) =>
        this.runs.findOne({ where: { ruleId }, order: { queuedAt: 'DESC', id: 'DESC' } }),
      ),
    );
    const rows = found.filter((r): r is RuleRun => r !== null);
    const facts = await this.versionFacts(rows);
    return { items: rows.map((r) => toRunDto(r, this.factsOf(facts, r))) };
  }

  async get(id: string): Promise<RunWithPlanDto> {
    const run = await this.find(id);
    const facts = await this.versionFacts([run]);
    return toRunWithPlanDto(run, this.factsOf(facts, run));
  }

  async find(id: string): Promise<RuleRun> {
    const run = await this.runs.findOneBy({ id });
    if (!run) throw new NotFoundError('Run', id);
    return run;
  }

  /** The stored failing rows of a finished run. */
  async evidenceOf(id: string): Promise<EvidenceDto> {
    const run = await this.find(id);
    if (run.status === 'queued' || run.status === 'running') {
      throw new ConflictError(`Run ${id} has not finished yet; its evidence exists once it has`);
    }
    if (run.evidencePrunedAt) {
      throw new GoneError(
        `The evidence of run ${id} was deleted on ${run.evidencePrunedAt.toISOString().slice(0, 10)} (retention); its counts are kept`,
      );
    }
    const empty: EvidenceDto = {
      runId: run.id,
      ruleId: run.ruleId,
      datasetId: run.datasetId,
      datasetVersionId: run.datasetVersionId,
      columns: [],
      keyColumns: [],
      failedCount: run.failedCount ?? 0,
      rows: [],
      truncated: (run.failedCount ?? 0) > 0,
    };
    if (!run.evidenceFile) return empty;
    const stored = await this.evidence.read(run.evidenceFile);
    if (!stored) throw new GoneError(`The evidence file of run ${id} is missing from storage`);
    return stored;
  }

  /** Rule version facts (name, number, DSL) of runs, in one query. */
  async versionFacts(runs: RuleRun[]): Promise<Map<string, VersionFacts>> {
    const ids = [...new Set(runs.map((r) => r.ruleVersionId))];
    const out = new Map<string, VersionFacts>();
    for (const chunk of chunks(ids, IN_CHUNK)) {
      const rows = await this.versions.find({
        where: { id: In(chunk) },
        select: { id: true, version: true, name: true, dsl: true },
      });
      for (const v of rows) out.set(v.id, v);
    }
    return out;
  }

  factsOf(facts: Map<string, VersionFacts>, run: RuleRun): VersionFacts {
    return facts.get(run.ruleVersionId) ?? { id: run.ruleVersionId, version: 0, name: '(unknown)', dsl: '' };
  }

  private async requestNow(
    dto: RunRulesDto,
    by: Principal,
    requestId: string,
    resumed: boolean,
  ): Promise<RunRulesResponse> {
    if (!this.queue.isAvailable()) throw this.unavailable();
    const rules = await this.rulesToRun(dto);
    const trigger: RunTrigger = by.method === 'token' ? 'api' : 'manual';
    const batchTrigger = `${trigger}:${requestId}`;
    // A request resumed after its process died keeps the runs it made (a new upload since then must not
    // make a second run of the same rule for the same request); they are queued again, a no-op if they are.
    const earlier = resumed
      ? await this.runs.findBy({ triggerKey: In([`manual:${requestId}`, `api:${requestId}`]) })
      : [];
    for (const b of new Set(earlier.map((r) => `${r.datasetId}|${r.datasetVersionId ?? ''}`))) {
      const [datasetId, versionId] = b.split('|');
      // A queue outage here is the recovery job's to mend: the runs are stored already.
      await this.enqueueBatch(datasetId, versionId || null, earlier[0].triggerKey).catch(() => undefined);
    }
    const done = new Set(earlier.map((r) => r.ruleId));
    const byDataset = new Map<string, Rule[]>();
    for (const r of rules.filter((x) => !done.has(x.id)))
      byDataset.set(r.datasetId, [...(byDataset.get(r.datasetId) ?? []), r]);

    const batches: { datasetId: string; versionId: string | null }[] = [];
    for (const datasetId of byDataset.keys()) {
      const ds = await this.datasets.describe(datasetId);
      if (!ds.currentVersionId && !ds.schema) {
        throw new InvalidInputError(
          `Dataset '${ds.name}' has no data yet: upload a version before running its rules`,
        );
      }
      batches.push({ datasetId, versionId: ds.currentVersionId });
    }
    const created: RuleRun[] = [...earlier];
    const createdIds: string[] = [];
    try {
      for (const b of batches) {
        const { runs, createdIds: ids } = await this.createBatch({
          datasetId: b.datasetId,
          datasetVersionId: b.versionId,
          trigger,
          batchTrigger,
          rules: byDataset.get(b.datasetId) ?? [],
          triggerKeyOf: () => batchTrigger,
          requestedBy: by.userId,
        });
        created.push(...runs);
        createdIds.push(...ids);
        await this.enqueueBatch(b.datasetId, b.versionId, batchTrigger);
      }
    } catch (e) {
      if (e instanceof QueueUnavailableError) {
        // Nothing was started: remove the rows so the answer (503) means "nothing happened".
        await this.runs.delete({ id: In(createdIds), status: 'queued' }).catch(() => undefined);
        throw this.unavailable();
      }
      throw e;
    }
    await this.audit.record({
      action: 'rule.run',
      entityType: 'rule',
      entityId: rules.length === 1 ? rules[0].id : null,
      summary: `Queued ${created.length} run${created.length === 1 ? '' : 's'} (${trigger})`,
      changes: { ruleIds: rules.map((r) => r.id), runIds: created.map((r) => r.id) },
    });
    const byRule = new Map(created.map((r) => [r.ruleId, r]));
    return {
      runs: rules
        .map((rule) => byRule.get(rule.id))
        .filter((r): r is RuleRun => r !== undefined)
        .map((r) => ({ id: r.id, ruleId: r.ruleId, status: r.status })),
    };
  }

  private async rulesToRun(dto: RunRulesDto): Promise<Rule[]> {
    if (dto.ruleIds) {
      const ids = [...new Set(dto.ruleIds)];
      const found = await this.rules.findLive(ids);
      const missing = ids.filter((id) => !found.some((r) => r.id === id));
      if (missing.length) {
        throw new NotFoundError(missing.length === 1 ? 'Rule' : 'Rules', missing.slice(0, 10).join(', '));
      }
      if (dto.datasetId) {
        const other = found.filter((r) => r.datasetId !== dto.datasetId);
        if (other.length) {
          throw new InvalidInputError(
            `Rule ${other[0].id} belongs to another dataset than ${dto.datasetId}; leave out datasetId or the rule`,
          );
        }
      }
      const order = new Map(ids.map((id, i) => [id, i]));
      return found.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
    }
    if (dto.datasetId) {
      const ds = await this.datasets.describe(dto.datasetId);
      const rules = await this.rules.activeRulesOf(ds.id);
      if (rules.length === 0) {
        throw new InvalidInputError(`Dataset '${ds.name}' has no active rules to run`);
      }
      return rules;
    }
    throw new InvalidInputError('Send ruleIds (rules to run) or datasetId (all active rules of the dataset)');
  }

  private unavailable(): ServiceUnavailableError {
    return new ServiceUnavailableError(
      'Runs cannot be queued right now: the job queue (Redis) is unreachable. Nothing was started; try again in a moment.',
    );
  }
}
