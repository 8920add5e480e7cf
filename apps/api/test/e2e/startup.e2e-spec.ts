import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../../..');
const MAIN = join(ROOT, 'dist/apps/api/main.js');

/** The built bundle is what `npm start` runs; `nx test api` builds it first (dependsOn). */
function ensureBuilt(): void {
  if (existsSync(MAIN)) return;
  const r = spawnSync('npx', ['nx', 'build', 'api', '--output-style=static'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: process.env,
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

/** Only PATH and HOME: the process must not depend on anything else in the environment. */
const bareEnv = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
  PATH: process.env['PATH'],
  HOME: process.env['HOME'],
  ...extra,
});

function runToExit(
  env: NodeJS.ProcessEnv,
  cwd: string,
): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [MAIN], { cwd, env, encoding: 'utf8', timeout: 30_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Running {
  proc: ChildProcess;
  stdout: () => string;
  /** SIGTERM; resolves with the exit code or the signal that ended it. */
  stop: () => Promise<number | string | null>;
}

async function start(env: NodeJS.ProcessEnv, cwd: string): Promise<Running> {
  const proc = spawn(process.execPath, [MAIN], { cwd, env });
  let out = '';
  let err = '';
  proc.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const deadline = Date.now() + 60_000;
  while (!out.includes('is running at')) {
    if (proc.exitCode !== null || Date.now() > deadline) throw new Error(`did not start: ${out}\n${err}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    proc,
    stdout: () => out,
    stop: () =>
      new Promise((res) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return res(proc.exitCode ?? proc.signalCode);
        proc.once('exit', (code, signal) => res(code ?? signal));
        proc.kill('SIGTERM');
      }),
  };
}

describe('the built API process', () => {
  let cwd: string;
  beforeAll(() => ensureBuilt(), 240_000);
  beforeEach(() => {
    cwd = mkdtempSync(join(tmpdir(), 'dqw-start-'));
  });
  afterEach(() => rmSync(cwd, { recursive: true, force: true }));

  it.each([
    [{ PORT: 'abc' }, 'Configuration error: PORT must be an integer from 1 to 65535 (got "abc")'],
    [
      { DATABASE_URL: 'postgres://u@db/w' },
      'Configuration error: ENCRYPTION_KEY is required when DATABASE_URL points at PostgreSQL (openssl rand -base64 32)',
    ],
    [
      { LOG_LEVEL: 'chatty' },
      'Configuration error: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "chatty")',
    ],
    [
      { WATCHTOWER_ADMIN_PASSWORD: 'short' },
      'Configuration error: WATCHTOWER_ADMIN_PASSWORD must be at least 12 characters long',
    ],
  ])('stops with exit code 1 and one line for a bad setting: %o', (env, line) => {
    const r = runToExit(bareEnv(env), cwd);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`${line}\n`);
    expect(r.stdout).toBe('');
    // Nothing was created on the way out.
    expect(existsSync(join(cwd, 'data'))).toBe(false);
  });

  it('starts with no configuration (embedded mode), prints the URL and a one-time admin password, and keeps data across restarts', async () => {
    const port = await freePort();
    const env = bareEnv({ PORT: String(port), HOST: '127.0.0.1' });
    const first = await start(env, cwd);
    const base = `http://127.0.0.1:${port}`;
    try {
      expect(first.stdout()).toContain(`is running at http://127.0.0.1:${port}/`);
      const pw = /password: (\S+)/.exec(first.stdout())?.[1];
      expect(pw).toMatch(/^[a-zA-Z2-9]{20}$/);
      const health = await fetch(`${base}/api/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({
        status: 'ok',
        mode: 'embedded',
        checks: { database: { status: 'ok', dialect: 'sqlite' } },
      });
      // No SPA built in this folder: the API still runs and answers JSON 404s.
      const root = await fetch(`${base}/`);
      expect(root.status).toBe(404);
      expect(statSync(join(cwd, 'data/watchtower.sqlite')).isFile()).toBe(true);
      expect(statSync(join(cwd, 'data/secret.key')).mode & 0o777).toBe(0o600);
      const login = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@watchtower.local', password: pw }),
      });
      expect(login.status).toBe(200);
      // JSON logs never contain the password or the session cookie.
      expect(
        first
          .stdout()
          .split('\n')
          .filter((l) => l.startsWith('{') && (l.includes(pw as string) || l.includes('dqw_session=')))
          .length,
      ).toBe(0);
      // Shuts down on SIGTERM (Nest's shutdown hooks close the server and the database, then re-raise it).
      expect([0, 'SIGTERM']).toContain(await first.stop());

      const second = await start(env, cwd);
      try {
        expect(second.stdout()).not.toContain('password:');
        const again = await fetch(`${base}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'admin@watchtower.local', password: pw }),
        });
        expect(again.status).toBe(200);
      } finally {
        await second.stop();
      }
    } finally {
      await first.stop();
    }
  }, 150_000);
});
