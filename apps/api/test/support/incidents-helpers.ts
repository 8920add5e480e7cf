import {
  CSRF_HEADER,
  type DatasetDetailDto,
  type IncidentListResponse,
  type RunDetailDto,
  type RunWithPlanDto,
  type Severity,
  type UploadResultDto,
} from '@dqw/shared-types';
import { randomUUID } from 'node:crypto';
import { vi } from 'vitest';
import { InProcessQueueBackend, JobQueue } from '../../src/core/queue';
import { Clock } from '../../src/modules/incidents/clock';
import { IncidentRunsService, type OutcomeEffect } from '../../src/modules/incidents/incident-runs.service';
import type { RunOutcome } from '../../src/modules/rules/runs/run-outcome-hooks';
import type { SessionClient, TestApp } from './test-app';

/** Env for incident tests: loopback allowed as a notification target, quick retries and timeouts, no background ticks. */
export const INCIDENT_TEST_ENV = {
  NOTIFY_ALLOWED_HOSTS: '127.0.0.1',
  NOTIFY_BACKOFF_MS: '20',
  NOTIFY_MAX_ATTEMPTS: '3',
  NOTIFY_TIMEOUT_MS: '1500',
  SCHEDULER_TICK_MS: '600000',
  PUBLIC_URL: 'https://watchtower.example.com',
};

/** Moves the incidents clock (SLA, mutes, timestamps) to `at`; returns a setter for later moves. */
export function useClock(t: TestApp, at: Date): (next: Date) => void {
  let now = at;
  vi.spyOn(t.app.get(Clock), 'now').mockImplementation(() => new Date(now));
  return (next) => {
    now = next;
  };
}

/** Waits until the in-process queue has nothing waiting, delayed or running. */
export async function queueIdle(t: TestApp): Promise<void> {
  const backend = t.app.get(JobQueue).backend;
  if (backend instanceof InProcessQueueBackend) await backend.onIdle();
}

export interface RuleFacts {
  id: string;
  name: string;
  datasetId: string;
  severity: Severity;
  ownerId: string | null;
}

let runSeq = 0;

/** A finished run of a real rule, as the rules module hands it to the hooks. */
export function outcome(
  rule: RuleFacts,
  status: 'passed' | 'failed' | 'error',
  opts: { id?: string; finishedAt?: Date; failedCount?: number; deleted?: boolean } = {},
): RunOutcome {
  runSeq += 1;
  const finishedAt = opts.finishedAt ?? new Date(Date.UTC(2030, 0, 1) + runSeq * 1000);
  const run: RunDetailDto = {
    id: opts.id ?? randomUUID(),
    ruleId: rule.id,
    datasetId: rule.datasetId,
    datasetVersionId: null,
    status,
    trigger: 'manual',
    rowsChecked: 10,
    failedCount: status === 'failed' ? (opts.failedCount ?? 2) : 0,
    passRate: status === 'failed' ? 0.8 : 1,
    startedAt: finishedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationMs: 5,
    error: status === 'error' ? 'Column x is not in the dataset' : null,
    ruleVersionId: randomUUID(),
    ruleVersion: 1,
    ruleName: rule.name,
    verdict: status === 'passed' ? 'PASSED' : status === 'failed' ? 'FAILED' : 'ERROR',
    attempts: 1,
    queuedAt: finishedAt.toISOString(),
    evidenceRows: status === 'failed' ? 2 : 0,
    evidenceAvailable: status === 'failed',
  };
  return {
    run,
    rule: {
      id: rule.id,
      name: rule.name,
      datasetId: rule.datasetId,
      severity: rule.severity,
      ownerId: rule.ownerId,
      deleted: opts.deleted ?? false,
    },
  };
}

/** Hands a run outcome to the incidents module, as the rules module does when a run finishes. */
export function deliverOutcome(t: TestApp, o: RunOutcome): Promise<OutcomeEffect> {
  return t.app.get(IncidentRunsService).handle(o);
}

/** The live incident of a rule (OPEN, ACKNOWLEDGED or MUTED) through the API, or undefined. */
export async function liveIncidentOf(
  get: (url: string) => PromiseLike<{ status: number; body: unknown }>,
  ruleId: string,
) {
  const res = await get(`/api/incidents?ruleId=${ruleId}&status=OPEN,ACKNOWLEDGED,MUTED`);
  const page = res.body as IncidentListResponse;
  if (page.items.length > 1) throw new Error(`rule ${ruleId} has ${page.items.length} live incidents`);
  return page.items[0];
}

/** Orders with one missing email: `NOT_NULL(email)` fails on row 2. */
export const FAILING_ORDERS_CSV = 'id,email,amount\n1,a@x.com,10\n2,,20\n3,b@x.com,30\n';
/** The same orders with every email present: `NOT_NULL(email)` passes. */
export const PASSING_ORDERS_CSV = 'id,email,amount\n1,a@x.com,10\n2,c@x.com,20\n3,b@x.com,30\n';

/**
 * Uploads a CSV through the datasets API (a new dataset, or a new version of `datasetId`) and waits
 * until the version is ready (profiled), so rules can be written against its columns.
 */
export async function uploadCsv(
  c: SessionClient,
  csv: string,
  opts: { name?: string; datasetId?: string },
): Promise<{ datasetId: string; versionId: string }> {
  const url = opts.datasetId ? `/api/datasets/${opts.datasetId}/versions` : '/api/datasets';
  let req = c.agent.post(url).set(CSRF_HEADER, c.csrf);
  if (opts.name) req = req.field('name', opts.name);
  const res = await req.attach('file', Buffer.from(csv), 'orders.csv');
  if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${JSON.stringify(res.body)}`);
  const up = res.body as UploadResultDto;
  const until = Date.now() + 30_000;
  for (;;) {
    const d = (await c.get(`/api/datasets/${up.dataset.id}`)).body as DatasetDetailDto;
    if (d.currentVersion?.id === up.version.id && d.currentVersion.status === 'ready') break;
    if (d.currentVersion?.status === 'error' || Date.now() > until) {
      throw new Error(`dataset version not ready: ${JSON.stringify(d.currentVersion)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { datasetId: up.dataset.id, versionId: up.version.id };
}

/** Polls a run until it finished (passed, failed or error). */
export async function finishedRun(c: SessionClient, id: string): Promise<RunWithPlanDto> {
  const until = Date.now() + 30_000;
  for (;;) {
    const run = (await c.get(`/api/runs/${id}`)).body as RunWithPlanDto;
    if (run.status !== 'queued' && run.status !== 'running') return run;
    if (Date.now() > until) throw new Error(`run ${id} still ${run.status}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
