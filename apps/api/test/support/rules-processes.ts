import type { CreatedTokenResponse, DatasetDetailDto, MeResponse, UploadResultDto } from '@dqw/shared-types';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { freePort } from './rules-redis-server';

export const ROOT = resolve(__dirname, '../../../..');
const DIST = join(ROOT, 'dist/apps/api');

/** The built bundle (main.js, worker.js) is what production runs; `nx test api` builds it first. */
export function ensureBuilt(): void {
  if (existsSync(join(DIST, 'main.js')) && existsSync(join(DIST, 'worker.js'))) return;
  const r = spawnSync('npx', ['nx', 'build', 'api', '--output-style=static'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error('nx build api failed');
}

export interface Proc {
  readonly proc: ChildProcess;
  readonly name: string;
  output(): string;
  /** SIGKILL: no shutdown hooks, the job lock stays in Redis until it expires. */
  kill(): Promise<void>;
  /** SIGTERM and wait. */
  stop(): Promise<void>;
}

function launch(name: string, entry: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): Proc {
  const proc = spawn(process.execPath, [join(DIST, entry), ...args], { cwd, env });
  let out = '';
  proc.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const end = (signal: NodeJS.Signals) =>
    new Promise<void>((res) => {
      if (proc.exitCode !== null || proc.signalCode !== null) return res();
      proc.once('exit', () => res());
      proc.kill(signal);
    });
  return { proc, name, output: () => out, kill: () => end('SIGKILL'), stop: () => end('SIGTERM') };
}

async function until(p: Proc, text: string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!p.output().includes(text)) {
    if (p.proc.exitCode !== null || Date.now() > deadline) {
      throw new Error(`${p.name} did not print "${text}":\n${p.output().slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function startApi(env: NodeJS.ProcessEnv, cwd: string): Promise<Proc & { base: string }> {
  const port = await freePort();
  const p = launch('api', 'main.js', [], { ...env, PORT: String(port), HOST: '127.0.0.1' }, cwd);
  await until(p, 'is running at');
  return Object.assign(p, { base: `http://127.0.0.1:${port}` });
}

export async function startWorker(env: NodeJS.ProcessEnv, cwd: string, name = 'worker'): Promise<Proc> {
  const p = launch(name, 'worker.js', [], env, cwd);
  await until(p, 'started (pid');
  return p;
}

/** A small HTTP client with a Bearer token (API consumers' way in). */
export class Api {
  constructor(
    readonly base: string,
    private readonly token: string,
  ) {}

  static async asAdmin(base: string, email: string, password: string): Promise<Api> {
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    if (login.status !== 200) throw new Error(`login failed: ${login.status} ${await login.text()}`);
    const me = (await login.json()) as MeResponse;
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const res = await fetch(`${base}/api/auth/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': me.csrfToken ?? '' },
      body: JSON.stringify({ name: 'e2e' }),
    });
    if (res.status !== 201) throw new Error(`token failed: ${res.status} ${await res.text()}`);
    return new Api(base, ((await res.json()) as CreatedTokenResponse).token);
  }

  async call<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: T }> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  }

  async ok<T = unknown>(method: string, path: string, body?: unknown, want = 200): Promise<T> {
    const r = await this.call<T>(method, path, body);
    if (r.status !== want) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }

  /** `POST /api/datasets` (new dataset) or `/api/datasets/{id}/versions` (new version), multipart. */
  async upload(
    csv: Buffer | string,
    opts: { name?: string; datasetId?: string; fileName?: string },
  ): Promise<UploadResultDto> {
    const boundary = `dqw${randomBytes(12).toString('hex')}`;
    const part = (headers: string) => Buffer.from(`--${boundary}\r\n${headers}\r\n\r\n`);
    const body = Buffer.concat([
      ...(opts.name
        ? [part('Content-Disposition: form-data; name="name"'), Buffer.from(`${opts.name}\r\n`)]
        : []),
      part(
        `Content-Disposition: form-data; name="file"; filename="${opts.fileName ?? 'data.csv'}"\r\nContent-Type: text/csv`,
      ),
      Buffer.isBuffer(csv) ? csv : Buffer.from(csv),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const url = new URL(
      opts.datasetId ? `/api/datasets/${opts.datasetId}/versions` : '/api/datasets',
      this.base,
    );
    // A connection of its own (a reused keep-alive socket the server is just closing would cut a large
    // body off), and Expect: 100-continue, so an early refusal arrives as a response.
    const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = httpRequest(url, {
        method: 'POST',
        agent: false,
        headers: {
          authorization: `Bearer ${this.token}`,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': String(body.length),
          expect: '100-continue',
        },
      });
      req.on('continue', () => req.end(body));
      req.on('response', (res) => {
        let out = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (out += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: out }));
      });
      req.on('error', reject);
    });
    if (status !== 201 && status !== 200) throw new Error(`upload: ${status} ${text}`);
    return JSON.parse(text) as UploadResultDto;
  }

  /** Waits until the dataset's current version is profiled (its column types are final). */
  async ready(datasetId: string, versionId: string, timeoutMs = 120_000): Promise<DatasetDetailDto> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const d = await this.ok<DatasetDetailDto>('GET', `/api/datasets/${datasetId}`);
      const v = d.currentVersion;
      if (v?.id === versionId && v.status === 'ready') return d;
      if (v?.status === 'error') throw new Error(`version failed: ${v.error}`);
      if (Date.now() > deadline) throw new Error(`dataset ${datasetId} not ready: ${JSON.stringify(v)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
