import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_MAIN, ROOT, WEB_DIST } from './paths';

export interface RunningApi {
  url: string;
  /** Everything the process printed, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

export interface ApiOptions {
  adminEmail: string;
  adminPassword: string;
  env?: Record<string, string>;
}

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts the real built API (`node dist/apps/api/main.js` from the repo root) in embedded mode on a free
 * port with a fresh data folder, and waits until `/api/health` answers.
 */
export async function startApi(options: ApiOptions): Promise<RunningApi> {
  for (const [file, what] of [
    [API_MAIN, 'the API'],
    [join(WEB_DIST, 'index.html'), 'the web app'],
  ]) {
    if (!existsSync(file)) {
      throw new Error(`${file} is missing: build ${what} first (npx nx run-many -t build -p api web).`);
    }
  }
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'dqw-e2e-'));
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Embedded mode on its own SQLite file, whatever the developer's shell points at.
  for (const name of ['DATABASE_URL', 'DATABASE_SCHEMA', 'REDIS_URL', 'ENCRYPTION_KEY']) delete env[name];
  Object.assign(env, {
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    WEB_DIST_DIR: WEB_DIST,
    WATCHTOWER_ADMIN_EMAIL: options.adminEmail,
    WATCHTOWER_ADMIN_PASSWORD: options.adminPassword,
    LOG_LEVEL: 'warn',
    DISK_MIN_FREE_MB: '0', // readiness must not depend on the runner's free disk
    ...options.env,
  });

  let output = '';
  const child: ChildProcess = spawn(process.execPath, [API_MAIN], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-200_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  let exited: number | null | undefined;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', (code) => {
      exited = code;
      resolve();
    }),
  );

  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (exited === undefined) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exit;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 90_000;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (exited !== undefined) {
      await stop();
      throw new Error(`The API exited (code ${exited}) before it was ready:\n${output}`);
    }
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return { url, output: () => output, stop };
      last = `HTTP ${res.status}: ${(await res.text()).slice(0, 500)}`;
    } catch (error) {
      last = String(error);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`The API did not become healthy in 90 s (${last}):\n${output}`);
}
