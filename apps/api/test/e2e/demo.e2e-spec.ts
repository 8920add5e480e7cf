import type { DashboardStatsDto, Paged } from '@dqw/shared-types';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../../..');
const MAIN = join(ROOT, 'dist/apps/api/main.js');
const ADMIN = { email: 'demo-admin@test.local', password: 'Demo-Admin-Password-1' };

function ensureBuilt(): void {
  if (existsSync(MAIN)) return;
  const r = spawnSync('npx', ['nx', 'build', 'api', '--output-style=static'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error('nx build api failed');
}

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
    s.on('error', rej);
  });
}

async function until(what: string, check: () => boolean | Promise<boolean>, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** `node dist/apps/api/main.js --demo` in embedded mode (what `npm start -- --demo` runs). */
async function startDemo(dataDir: string): Promise<{ proc: ChildProcess; out: () => string; base: string }> {
  const port = await freePort();
  const proc = spawn(process.execPath, [MAIN, '--demo'], {
    cwd: dataDir,
    env: {
      PATH: process.env['PATH'],
      HOME: process.env['HOME'],
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      WATCHTOWER_ADMIN_EMAIL: ADMIN.email,
      WATCHTOWER_ADMIN_PASSWORD: ADMIN.password,
      PASSWORD_SCRYPT_COST: '10',
    },
  });
  let out = '';
  proc.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  await until('the start', () => out.includes('is running at') || proc.exitCode !== null, 60_000);
  if (proc.exitCode !== null) throw new Error(out);
  return { proc, out: () => out, base: `http://127.0.0.1:${port}` };
}

function stop(proc: ChildProcess): Promise<void> {
  return new Promise((res) => {
    if (proc.exitCode !== null || proc.signalCode !== null) return res();
    proc.once('exit', () => res());
    proc.kill('SIGTERM');
  });
}

async function login(base: string): Promise<(path: string) => Promise<unknown>> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  expect(res.status).toBe(200);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return async (path) => (await fetch(`${base}${path}`, { headers: { cookie } })).json();
}

describe('npm start -- --demo (the built app)', () => {
  let dataDir: string;
  beforeAll(() => {
    ensureBuilt();
    dataDir = mkdtempSync(join(tmpdir(), 'dqw-demo-e2e-'));
  }, 240_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('loads the demo workspace from the bundled files on the first start, and nothing on the second', async () => {
    const first = await startDemo(dataDir);
    let stats: DashboardStatsDto;
    let runs: number;
    try {
      await until('the demo load', () => first.out().includes('Demo workspace loaded'), 120_000);
      const get = await login(first.base);
      await until(
        "today's runs",
        async () => ((await get('/api/runs?status=queued&pageSize=1')) as Paged<unknown>).total === 0,
        120_000,
      );
      await until(
        'running runs',
        async () => ((await get('/api/runs?status=running&pageSize=1')) as Paged<unknown>).total === 0,
        120_000,
      );
      stats = (await get('/api/dashboard/stats')) as DashboardStatsDto;
      expect(stats).toMatchObject({ datasets: 3, scoredDatasets: 3 });
      expect(stats.qualityScore).not.toBeNull();
      runs = ((await get('/api/runs?pageSize=1')) as Paged<unknown>).total;
      expect(runs).toBeGreaterThan(400);
    } finally {
      await stop(first.proc);
    }

    const second = await startDemo(dataDir);
    try {
      await until(
        'the second start to decide',
        () => /Demo workspace already loaded/.test(second.out()),
        60_000,
      );
      const get = await login(second.base);
      const again = (await get('/api/dashboard/stats')) as DashboardStatsDto;
      expect(again).toMatchObject({ datasets: 3, activeRules: stats.activeRules });
      expect(((await get('/api/runs?pageSize=1')) as Paged<unknown>).total).toBe(runs);
      expect(again.qualityScore).toBeCloseTo(stats.qualityScore as number, 9);
    } finally {
      await stop(second.proc);
    }
  }, 360_000);
});
