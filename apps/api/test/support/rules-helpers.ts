import type { RunWithPlanDto } from '@dqw/shared-types';
import type { ColumnSchema } from '@dqw/rule-engine';

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

export const ORDERS_COLUMNS: ColumnSchema[] = [
  { name: 'id', type: 'integer' },
  { name: 'email', type: 'string' },
  { name: 'amount', type: 'integer' },
  { name: 'status', type: 'string' },
  { name: 'created_at', type: 'date' },
];
