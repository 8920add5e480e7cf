import type {
  DatasetVersionDto,
  IncidentListResponse,
  NotificationPayload,
  Paged,
  RunDetailDto,
  RunRulesResponse,
  UploadResultDto,
} from '@dqw/shared-types';
import { ordersCsv } from './rules-data';
import type { Api } from './rules-processes';
import { pool, sleep } from './scale-cluster';
import type { WebhookReceiver } from './notifications-receivers';

/** Rules of every burst dataset; on `ordersCsv(n)` rows their failures are known. */
export const BURST_RULES = [
  { dsl: 'NOT_NULL(email)', failed: (n: number) => Math.floor(n / 97) },
  { dsl: 'UNIQUE(id)', failed: () => 0 },
  { dsl: 'IN_RANGE(amount, 0, 999)', failed: (n: number) => Math.floor(n / 500) },
] as const;

export interface BurstDataset {
  id: string;
  /** Rule ids in BURST_RULES order. */
  ruleIds: string[];
}

/** What one burst asked for and what the cluster answered. */
export interface BurstResult {
  /** Idempotency-Key → every answer received for it (duplicates and retries included). */
  answers: Map<string, RunRulesResponse[]>;
  /** Key → the dataset its rules belong to. */
  keyDataset: Map<string, string>;
  /** Versions whose upload was answered 201. */
  uploads: { datasetId: string; versionId: string }[];
  /** Requests sent again after a 502 or a cut connection. */
  retries: number;
  /**
   * Keys answered 409 "still in progress": the API process holding the key never finished (it waits
   * 30 s for it first), so retrying with that key can't succeed.
   */
  stuckKeys: string[];
}

/** Version id → rows of the file, for every version the tests uploaded. */
export const versionRows = new Map<string, number>();

/** Status codes that mean "the request may not have reached a live process": retry it. */
const RETRY = new Set([0, 502, 503, 504]);

/**
 * One burst through the proxy: `uploads` CSV uploads (new versions) and `keys` run requests with an
 * Idempotency-Key, the first `duplicated` keys sent twice. Failed requests (502 from a dead process,
 * 409 while the first copy of a key is in flight, connection errors) are retried with the same key
 * until `deadline`. `onSent` is called after each answered request (to kill processes mid-burst).
 */
export async function burst(
  api: Api,
  datasets: BurstDataset[],
  opts: { label: string; uploads: number; keys: number; duplicated: number; onSent?: (n: number) => void },
): Promise<BurstResult> {
  const answers = new Map<string, RunRulesResponse[]>();
  const keyDataset = new Map<string, string>();
  const uploads: BurstResult['uploads'] = [];
  let retries = 0;
  const stuckKeys: string[] = [];
  let sent = 0;
  const deadline = Date.now() + 150_000;
  const tasks: { key: string; ruleIds: string[] }[] = [];
  for (let i = 0; i < opts.keys; i++) {
    const d = datasets[i % datasets.length];
    // Every rule, or a pair of them, so batches differ in size.
    const ruleIds = i % 2 ? d.ruleIds : [d.ruleIds[0], d.ruleIds[i % 4 === 0 ? 2 : 1]];
    const key = `${opts.label}-${i}`;
    keyDataset.set(key, d.id);
    answers.set(key, []);
    tasks.push({ key, ruleIds });
    // The duplicate goes a few requests later, often to the other API process, often while the first runs.
    if (i < opts.duplicated) tasks.splice(Math.max(0, tasks.length - 3), 0, { key, ruleIds });
  }

  const runOnce = async (t: { key: string; ruleIds: string[] }) => {
    for (;;) {
      const r = await api
        .call<RunRulesResponse>(
          'POST',
          '/api/rules/run',
          { ruleIds: t.ruleIds },
          { 'idempotency-key': t.key },
        )
        .catch(() => ({ status: 0, body: null as unknown as RunRulesResponse }));
      if (r.status === 202) {
        answers.get(t.key)?.push(r.body);
        return;
      }
      if (r.status === 409) {
        stuckKeys.push(t.key);
        return;
      }
      if (!RETRY.has(r.status) || Date.now() > deadline)
        throw new Error(`run ${t.key}: ${r.status} ${JSON.stringify(r.body)}`);
      retries++;
      await sleep(250);
    }
  };
  const uploadOnce = async (i: number) => {
    const d = datasets[i % datasets.length];
    const rows = 1000 + versionRows.size * 7 + i;
    for (;;) {
      try {
        const up: UploadResultDto = await api.upload(ordersCsv(rows), {
          datasetId: d.id,
          fileName: `${opts.label}-${i}.csv`,
        });
        versionRows.set(up.version.id, rows);
        uploads.push({ datasetId: d.id, versionId: up.version.id });
        return;
      } catch (e) {
        // The upload has no idempotency key: a version made by a dead process is checked like any other.
        if (Date.now() > deadline || !/upload: (502|503|504)|ECONNRESET|socket hang up/.test(String(e)))
          throw e;
        retries++;
        await sleep(250);
      }
    }
  };
  // Uploads one at a time beside the run requests: two CSV sniffs at once in one API process can run out
  // of the upload DuckDB's 64 MB (`Out of Memory Error` → 400), a limit of the datasets module.
  const uploadLane = (async () => {
    for (let i = 0; i < opts.uploads; i++) {
      await uploadOnce(i);
      opts.onSent?.(++sent);
    }
  })();
  await Promise.all([
    uploadLane,
    pool(tasks, 6, async (t) => {
      await runOnce(t);
      opts.onSent?.(++sent);
    }),
  ]);
  return { answers, keyDataset, uploads, retries, stuckKeys };
}

/** Waits until a version (current or not) is profiled. */
export async function versionReady(
  api: Api,
  datasetId: string,
  versionId: string,
  ms = 120_000,
  diagnose: (versionId: string) => Promise<string> = async () => '',
): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    const page = await api.ok<Paged<DatasetVersionDto>>(
      'GET',
      `/api/datasets/${datasetId}/versions?pageSize=200`,
    );
    const v = page.items.find((x) => x.id === versionId);
    if (v?.status === 'ready') return;
    if (v?.status === 'error') throw new Error(`version ${versionId} failed: ${v.error}`);
    if (Date.now() > deadline)
      throw new Error(`version ${versionId} not ready: ${JSON.stringify(v)} ${await diagnose(versionId)}`);
    await sleep(200);
  }
}

/** Waits until no run of these datasets is queued or running. */
export async function drained(api: Api, datasetIds: string[], timeoutMs = 150_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let busy = 0;
    for (const id of datasetIds) {
      for (const s of ['queued', 'running']) {
        busy += (await api.ok<Paged<RunDetailDto>>('GET', `/api/runs?datasetId=${id}&status=${s}&pageSize=1`))
          .total;
      }
    }
    if (busy === 0) return;
    if (Date.now() > deadline) throw new Error(`${busy} runs still queued or running`);
    await sleep(250);
  }
}

/** Every run of a dataset with this trigger (all pages). */
export async function runsOf(api: Api, datasetId: string, trigger: string): Promise<RunDetailDto[]> {
  const out: RunDetailDto[] = [];
  for (let page = 1; ; page++) {
    const p = await api.ok<Paged<RunDetailDto>>(
      'GET',
      `/api/runs?datasetId=${datasetId}&trigger=${trigger}&pageSize=200&page=${page}`,
    );
    out.push(...p.items);
    if (out.length >= p.total || p.items.length === 0) return out;
  }
}

/** Failures a rule must report on a version (known from the uploaded row count). */
export function expectedFailed(rule: (typeof BURST_RULES)[number], versionId: string | null): number {
  const rows = versionId ? versionRows.get(versionId) : undefined;
  if (rows === undefined) throw new Error(`unknown version ${versionId}`);
  return rule.failed(rows);
}

/** Incidents of one rule, whatever their status. */
export async function incidentsOf(api: Api, ruleId: string): Promise<IncidentListResponse> {
  return api.ok<IncidentListResponse>(
    'GET',
    `/api/incidents?ruleId=${ruleId}&status=OPEN,ACKNOWLEDGED,MUTED,RESOLVED&pageSize=50`,
  );
}

/** The webhook bodies received so far. */
export function received(hook: WebhookReceiver): NotificationPayload[] {
  return hook.requests.map((r) => JSON.parse(r.body) as NotificationPayload);
}
