import type { DatasetDetailDto, RunWithPlanDto, UploadResultDto } from '@dqw/shared-types';
import { CSRF_HEADER } from '@dqw/shared-types';
import { EventBus } from '../../src/core/events';
import type { SessionClient, TestApp } from './test-app';

/** Polls a run until it finished (passed, failed or error). */
export async function waitForRun(
  get: (url: string) => PromiseLike<{ status: number; body: unknown }>,
  id: string,
  timeoutMs = 30_000,
): Promise<RunWithPlanDto> {
  const t0 = Date.now();
  for (;;) {
    const res = await get(`/api/runs/${id}`);
    const run = res.body as RunWithPlanDto;
    if (res.status === 200 && run.status !== 'queued' && run.status !== 'running') return run;
    if (Date.now() - t0 > timeoutMs) throw new Error(`run ${id} still ${run.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Polls until `check` holds for the dataset (e.g. its current version is profiled). */
export async function waitForDataset(
  c: SessionClient,
  id: string,
  check: (d: DatasetDetailDto) => boolean,
  timeoutMs = 30_000,
): Promise<DatasetDetailDto> {
  const t0 = Date.now();
  for (;;) {
    const d = (await c.get(`/api/datasets/${id}`)).body as DatasetDetailDto;
    if (d.currentVersion?.status === 'error') throw new Error(`version failed: ${d.currentVersion.error}`);
    if (check(d)) return d;
    if (Date.now() - t0 > timeoutMs) throw new Error(`dataset ${id}: ${JSON.stringify(d.currentVersion)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Uploads a CSV through the datasets API (a new dataset, or a new version with `datasetId`) and waits
 * until that version is profiled and the rules module was told about it (the `dataset.updated` event
 * with status `ready` follows the listener call), so a rule created next has no run for this version.
 */
export async function uploadCsv(
  t: TestApp,
  c: SessionClient,
  csv: string | Buffer,
  opts: { name?: string; datasetId?: string; fields?: Record<string, string> },
): Promise<{ datasetId: string; versionId: string; dataset: DatasetDetailDto }> {
  const readyVersions = new Set<string>();
  const off = t.app.get(EventBus).subscribe((e) => {
    if (e.type === 'dataset.updated' && e.data['status'] === 'ready')
      readyVersions.add(String(e.data['versionId']));
  });
  try {
    const url = opts.datasetId ? `/api/datasets/${opts.datasetId}/versions` : '/api/datasets';
    let req = c.agent.post(url).set(CSRF_HEADER, c.csrf);
    if (opts.name) req = req.field('name', opts.name);
    for (const [k, v] of Object.entries(opts.fields ?? {})) req = req.field(k, v);
    const res = await req.attach('file', Buffer.from(csv), 'data.csv');
    if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${JSON.stringify(res.body)}`);
    const up = res.body as UploadResultDto;
    const t0 = Date.now();
    while (!readyVersions.has(up.version.id)) {
      if (Date.now() - t0 > 30_000) throw new Error(`version ${up.version.id} was not profiled in time`);
      await new Promise((r) => setTimeout(r, 20));
    }
    const dataset = await waitForDataset(c, up.dataset.id, (d) => d.currentVersion?.id === up.version.id);
    return { datasetId: up.dataset.id, versionId: up.version.id, dataset };
  } finally {
    off();
  }
}

/** Orders: a few rows with planted problems (empty email, out-of-range amounts, formula-like statuses). */
export const ORDERS_CSV = [
  'id,email,amount,status,created_at',
  '1,a@x.com,10,paid,2024-01-01',
  '2,,20,new,2024-01-02',
  '3,b@x.com,-5,paid,2024-01-03',
  '4,c@x.com,30,=SUM(A1:A9),2024-01-04',
  '5,d@x.com,99999,+cmd,2024-01-05',
  '6,e@x.com,40,@home,2024-01-06',
  '7,f@x.com,50,-minus,2024-01-07',
].join('\n');
