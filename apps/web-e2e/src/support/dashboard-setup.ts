import type { DashboardStatsDto, Paged } from '@dqw/shared-types';
import type { Page } from 'playwright-core';
import { RunningApi, startApi } from './api-server';
import { ApiSession, apiSignIn } from './rules-setup';

/** A GET with the test's session, as JSON. */
export async function apiGet<T>(baseUrl: string, session: ApiSession, path: string): Promise<T> {
  const res = await fetch(`${baseUrl}${path}`, { headers: { cookie: session.cookie } });
  if (!res.ok) throw new Error(`GET ${path}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function until(what: string, check: () => Promise<boolean> | boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** Waits until no run is queued or running (the demo queues today's runs; a test's "run all" too). */
export async function runsSettled(baseUrl: string, session: ApiSession, ms = 180_000): Promise<void> {
  await until(
    'the runs to finish',
    async () => {
      for (const status of ['queued', 'running']) {
        const page = await apiGet<Paged<unknown>>(baseUrl, session, `/api/runs?status=${status}&pageSize=1`);
        if (page.total > 0) return false;
      }
      return true;
    },
    ms,
  );
}

/**
 * The built app with the demo workspace (WATCHTOWER_DEMO=1: three datasets, their rules and 30 days of
 * history), once it has loaded and today's runs have finished.
 */
export async function startDemoApi(admin: {
  email: string;
  password: string;
}): Promise<{ api: RunningApi; session: ApiSession }> {
  // LOG_LEVEL=info: the loader says when it is done ("Demo workspace loaded").
  const api = await startApi({
    adminEmail: admin.email,
    adminPassword: admin.password,
    env: { WATCHTOWER_DEMO: '1', LOG_LEVEL: 'info' },
  });
  try {
    await until('the demo workspace', () => api.output().includes('Demo workspace loaded'), 180_000);
    const session = await apiSignIn(api.url, admin.email, admin.password);
    await runsSettled(api.url, session);
    const stats = await apiGet<DashboardStatsDto>(api.url, session, '/api/dashboard/stats');
    if (stats.datasets < 1 || stats.qualityScore === null) {
      throw new Error(`the demo workspace looks empty: ${JSON.stringify(stats)}`);
    }
    return { api, session };
  } catch (error) {
    const output = api.output();
    await api.stop();
    throw new Error(`${String(error)}\n${output.slice(-5000)}`);
  }
}

/** Drops a file on the upload dialog's drop zone the way a browser does (a DataTransfer with a File). */
export async function dropFile(page: Page, name: string, text: string): Promise<void> {
  const transfer = await page.evaluateHandle(
    ({ name, text }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], name, { type: 'text/csv' }));
      return dt;
    },
    { name, text },
  );
  const zone = page.getByTestId('file-drop');
  await zone.dispatchEvent('dragenter', { dataTransfer: transfer });
  await zone.dispatchEvent('dragover', { dataTransfer: transfer });
  await zone.dispatchEvent('drop', { dataTransfer: transfer });
}
