import { Roles, type RunDetailDto, type UploadResultDto } from '@dqw/shared-types';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import type { Principal } from '../../core/auth/principal';
import { InjectConfig, type AppConfig } from '../../core/config';
import { InjectProcessRoles, type ProcessRoles } from '../../core/config/process-roles';
import { Db } from '../../core/database/db.service';
import { EventBus } from '../../core/events';
import { bind } from '../dashboard/aggregates.sql';
import { DashboardAggregates } from '../dashboard/dashboard-aggregates.service';
import { UploadsService } from '../datasets/uploads/uploads.service';
import { Clock } from '../incidents/clock';
import type { CreateRuleDto } from '../rules/dto/rule-requests.dto';
import type { Rule } from '../rules/rule.entity';
import { RulesService } from '../rules/rules.service';
import { RuleRun } from '../rules/runs/rule-run.entity';
import { RunOutcomeHooks } from '../rules/runs/run-outcome-hooks';
import { toRunDto } from '../rules/runs/run.mapper';
import { RunsService } from '../rules/runs/runs.service';
import { User } from '../users/user.entity';
import { demoAsset } from './demo-assets';
import {
  DEMO_DATASETS,
  DEMO_DAYS,
  DEMO_RERUN_HOUR,
  DEMO_RUN_HOUR,
  DEMO_SCHEDULE,
  historyOutcome,
  reranOn,
  type DemoRule,
} from './demo-workspace';

const DAY_MS = 86_400_000;
const STATE_KEY = 'demo';
/** Profiling of the three small files takes seconds; a busy queue gets this long. */
const READY_TIMEOUT_MS = 10 * 60_000;

export type DemoResult = 'loaded' | 'already-loaded' | 'not-empty' | 'off';

interface LoadedDataset {
  datasetId: string;
  versionId: string;
  rows: number;
  rules: { def: DemoRule; rule: Rule }[];
}

/**
 * `--demo` / WATCHTOWER_DEMO=1: loads the demo workspace into an empty installation, once. The present
 * goes through the real services — the CSV files through the datasets upload path (stored, profiled),
 * the rules through the rules service, today's runs on the queue (incidents and aggregates follow from
 * them). The past 30 days of runs are written as rows and handed to the run-outcome hooks in order, with
 * the incidents' clock set to each run's time, so incidents open and resolve on the days they would
 * have and the dashboard aggregates are the ones the hooks keep.
 *
 * A `dashboard_state` row claims the load (one web process does it) and marks it done: later starts
 * change nothing. An installation with any dataset is left alone.
 */
@Injectable()
export class DemoLoader implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoLoader.name);
  /** Settles when the load started at bootstrap ends (tests wait on it). */
  done: Promise<DemoResult> = Promise.resolve('off');

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    @InjectProcessRoles() private readonly roles: ProcessRoles,
    private readonly db: Db,
    private readonly moduleRef: ModuleRef,
    private readonly events: EventBus,
    private readonly rules: RulesService,
    private readonly runs: RunsService,
    private readonly hooks: RunOutcomeHooks,
    private readonly aggregates: DashboardAggregates,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.demo || !this.roles.web) return;
    // After start-up (the first Admin exists, the queue runs): profiling must be able to progress.
    this.done = new Promise<void>((r) => setImmediate(r))
      .then(() => this.load())
      .catch((e: unknown) => {
        this.logger.error(
          `The demo workspace could not be loaded: ${e instanceof Error ? e.message : String(e)}`,
        );
        throw e;
      });
    this.done.catch(() => undefined);
  }

  async load(): Promise<DemoResult> {
    const state = await this.state();
    if (state !== null) {
      this.logger.log(
        `Demo workspace ${state === 'loaded' ? 'already loaded' : `state ${state}`}; nothing to do`,
      );
      return 'already-loaded';
    }
    const [{ n }] = (await this.db.dataSource.query('SELECT COUNT(*) AS n FROM datasets')) as {
      n: unknown;
    }[];
    if (Number(n) > 0) {
      this.logger.warn('Not loading the demo workspace: this installation already has datasets');
      return 'not-empty';
    }
    if (!(await this.claim())) return 'already-loaded';
    const t0 = Date.now();
    try {
      const by = await this.adminPrincipal();
      const loaded: LoadedDataset[] = [];
      for (const ds of DEMO_DATASETS) loaded.push(await this.createDataset(ds, by));
      for (const l of loaded) await this.writeHistory(l);
      // Past incidents were opened on past days: a heatmap read meanwhile may have filled those days.
      await this.aggregates.forgetIncidentDays();
      // Today: the real runs of every rule on the uploaded files (the queue runs them).
      for (const l of loaded) await this.runs.enqueueForVersion(l.datasetId, l.versionId);
      await this.setState('loaded');
      this.logger.log(
        `Demo workspace loaded in ${Date.now() - t0} ms: ${loaded.length} datasets, ${loaded.reduce((s, l) => s + l.rules.length, 0)} rules, ${DEMO_DAYS} days of history; today's runs are queued`,
      );
      return 'loaded';
    } catch (e) {
      await this.setState('failed');
      throw e;
    }
  }

  private async createDataset(
    ds: (typeof DEMO_DATASETS)[number],
    by: Principal | null,
  ): Promise<LoadedDataset> {
    const uploads = this.moduleRef.get(UploadsService, { strict: false });
    const ready = this.readyEvent();
    let result: UploadResultDto;
    try {
      result = await uploads.createFromUpload(
        multipart(
          { name: ds.name, description: ds.description, sensitive: String(ds.sensitive) },
          ds.file,
          readFileSync(demoAsset(ds.file)),
        ),
        by?.userId ?? null,
      );
      await ready.wait(result.version.id);
    } finally {
      ready.stop();
    }
    const rules: LoadedDataset['rules'] = [];
    for (const def of ds.rules) {
      const dto: CreateRuleDto = {
        datasetId: result.dataset.id,
        name: def.name,
        description: def.description,
        dsl: def.dsl,
        severity: def.severity,
        schedule: DEMO_SCHEDULE,
      };
      rules.push({ def, rule: await this.rules.create(dto, by) });
    }
    return {
      datasetId: result.dataset.id,
      versionId: result.version.id,
      rows: result.version.rowCount ?? 0,
      rules,
    };
  }

  /**
   * Waits for a version's `dataset.updated` "ready" event: it comes after profiling and after the rules
   * module was told about the version, so rules created next are not also run by that notice.
   */
  private readyEvent(): { wait(versionId: string): Promise<void>; stop(): void } {
    const seen = new Set<string>();
    const off = this.events.subscribe((e) => {
      if (e.type === 'dataset.updated')
        seen.add(`${String(e.data['versionId'])}:${String(e.data['status'])}`);
    });
    return {
      wait: async (versionId) => {
        const until = Date.now() + READY_TIMEOUT_MS;
        while (!seen.has(`${versionId}:ready`)) {
          if (seen.has(`${versionId}:error`)) throw new Error(`profiling demo version ${versionId} failed`);
          if (Date.now() > until) throw new Error(`demo version ${versionId} was not profiled in time`);
          await new Promise((r) => setTimeout(r, 50));
        }
      },
      stop: off,
    };
  }

  /** Writes each rule's past runs and hands them to the hooks in time order, as if they had happened. */
  private async writeHistory(l: LoadedDataset): Promise<void> {
    const today = Math.floor(Date.now() / DAY_MS) * DAY_MS;
    type Planned = { def: DemoRule; rule: Rule; offset: number; at: Date; trigger: 'schedule' | 'manual' };
    const planned: Planned[] = [];
    const at = (offset: number, hour: number) => new Date(today + offset * DAY_MS + hour * 3_600_000);
    for (let offset = -DEMO_DAYS; offset <= -1; offset++) {
      for (const { def, rule } of l.rules) {
        planned.push({ def, rule, offset, at: at(offset, DEMO_RUN_HOUR), trigger: 'schedule' });
        if (reranOn(def, offset)) {
          planned.push({ def, rule, offset, at: at(offset, DEMO_RERUN_HOUR), trigger: 'manual' });
        }
      }
    }
    planned.sort((a, b) => a.at.getTime() - b.at.getTime());
    const repo = this.db.dataSource.getRepository(RuleRun);
    const clock = this.moduleRef.get(Clock, { strict: false });
    for (const p of planned) {
      const outcome = historyOutcome(p.def, p.offset);
      const datasetLevel = p.rule.type === 'ROW_COUNT' || p.rule.type === 'FRESHNESS';
      const failed = outcome.status === 'failed' ? (datasetLevel ? 1 : outcome.failingRows) : 0;
      // A failing ROW_COUNT is a short export.
      const checked = p.rule.type === 'ROW_COUNT' && failed ? Math.floor(l.rows * 0.4) : l.rows;
      const finishedAt = new Date(p.at.getTime() + 1_500);
      const id = randomUUID();
      const key = `demo:${p.trigger}:${p.at.toISOString()}`;
      const run = repo.create({
        id,
        ruleId: p.rule.id,
        ruleVersionId: p.rule.versionId,
        datasetId: l.datasetId,
        datasetVersionId: l.versionId,
        status: outcome.status,
        trigger: p.trigger,
        triggerKey: key,
        runKey: `${p.rule.versionId}|${l.versionId}|${key}`,
        batchKey: `${l.datasetId}|${l.versionId}|${key}`,
        rowsChecked: outcome.status === 'error' ? null : checked,
        failedCount: outcome.status === 'error' ? null : failed,
        passRate:
          outcome.status === 'error'
            ? null
            : datasetLevel
              ? failed
                ? 0
                : 1
              : (checked - failed) / Math.max(1, checked),
        verdict: outcome.status === 'passed' ? 'PASSED' : outcome.status === 'failed' ? 'FAILED' : 'ERROR',
        error:
          outcome.status === 'error'
            ? `Dataset ${p.rule.datasetId} could not be read: the source was unreachable (demo)`
            : null,
        attempts: 1,
        queuedAt: p.at,
        startedAt: p.at,
        finishedAt,
        durationMs: 1_500,
        plan: null,
        evidenceFile: null,
        evidenceRows: 0,
        evidencePrunedAt: null,
        outcomeHandledAt: finishedAt,
        requestedBy: null,
      });
      await repo.insert(run);
      const dto: RunDetailDto = toRunDto(run, {
        id: p.rule.versionId,
        version: 1,
        name: p.rule.name,
        dsl: p.rule.dsl,
      });
      // The incidents module reads its clock: the incident opens (or resolves) when the run finished.
      const now = Object.getOwnPropertyDescriptor(clock, 'now');
      clock.now = () => finishedAt;
      try {
        await this.hooks.deliver({
          run: dto,
          rule: {
            id: p.rule.id,
            name: p.rule.name,
            datasetId: l.datasetId,
            severity: p.rule.severity,
            ownerId: p.rule.ownerId,
            deleted: false,
          },
        });
      } finally {
        if (now) Object.defineProperty(clock, 'now', now);
        else delete (clock as { now?: unknown }).now;
      }
    }
  }

  private async adminPrincipal(): Promise<Principal | null> {
    const admin = await this.db.dataSource
      .getRepository(User)
      .findOne({ where: { role: Roles.Admin, active: true }, order: { createdAt: 'ASC' } });
    if (!admin) return null;
    return {
      userId: admin.id,
      email: admin.email,
      displayName: admin.displayName,
      role: admin.role,
      method: 'session',
      sessionId: null,
      tokenId: null,
      csrfToken: null,
    };
  }

  private async state(): Promise<string | null> {
    const rows = (await this.db.dataSource.query(
      ...bind(this.db.dialect, {
        sql: 'SELECT value FROM dashboard_state WHERE key = :key',
        params: { key: STATE_KEY },
      }),
    )) as { value: string }[];
    return rows[0]?.value ?? null;
  }

  /** One process wins the insert; the others see the row and do nothing. */
  private async claim(): Promise<boolean> {
    const res = (await this.db.dataSource.query(
      ...bind(this.db.dialect, {
        sql: `INSERT INTO dashboard_state (key, value, updated_at) VALUES (:key, 'loading', :at)
              ON CONFLICT (key) DO NOTHING RETURNING key`,
        params: { key: STATE_KEY, at: new Date() },
      }),
    )) as unknown[];
    return res.length > 0;
  }

  private async setState(value: string): Promise<void> {
    await this.db.dataSource.query(
      ...bind(this.db.dialect, {
        sql: 'UPDATE dashboard_state SET value = :value, updated_at = :at WHERE key = :key',
        params: { key: STATE_KEY, value, at: new Date() },
      }),
    );
  }
}

/** A multipart/form-data request as a browser sends it: the fields, then the file. */
function multipart(fields: Record<string, string>, fileName: string, content: Buffer): IncomingMessage {
  const boundary = `----dqw-demo-${randomUUID()}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/csv\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  const body = Buffer.concat(parts);
  const req = Readable.from([body]) as unknown as IncomingMessage;
  req.headers = {
    'content-type': `multipart/form-data; boundary=${boundary}`,
    'content-length': String(body.length),
  };
  return req;
}
