import type { ServerEvent } from '@dqw/shared-types';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, type Proc } from './rules-processes';
import { freePort } from './rules-redis-server';

export const NGINX = '/usr/sbin/nginx';

/** True when Debian's nginx is installed; on CI a missing nginx fails the run instead of skipping. */
export function nginxAvailable(): boolean {
  if (spawnSync(NGINX, ['-v']).status === 0) return true;
  if (process.env['CI'] === 'true') throw new Error(`${NGINX} is required on CI (apt-get install nginx)`);
  return false;
}

export interface Nginx {
  readonly base: string;
  stop(): Promise<void>;
  output(): string;
}

/**
 * docker/nginx.conf (the production proxy settings: round robin, SSE unbuffered, uploads streamed) run
 * as a foreground process on 127.0.0.1 in front of the given API ports, with every path in `dir`.
 */
export async function startNginx(dir: string, apiPorts: number[]): Promise<Nginx> {
  const port = await freePort();
  mkdirSync(join(dir, 'html'), { recursive: true });
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((t) => `  ${t}_temp_path ${join(dir, t)};`)
    .join('\n');
  const conf = readFileSync(join(ROOT, 'docker/nginx.conf'), 'utf8')
    .replace('worker_processes auto;', 'worker_processes 1;')
    .replace(
      /(\s*)server api-1:3000([^;]*);\s*server api-2:3000([^;]*);/,
      (_m, ws: string, o1: string, o2: string) =>
        apiPorts.map((p, i) => `${ws}server 127.0.0.1:${p}${i === 0 ? o1 : o2};`).join(''),
    )
    .replace('listen 80;', `listen 127.0.0.1:${port};`)
    .replace('root /usr/share/nginx/html;', `root ${join(dir, 'html')};`)
    .replace('http {', `http {\n  access_log off;\n${temp}`);
  if (!conf.includes(`127.0.0.1:${apiPorts[1]}`)) throw new Error('docker/nginx.conf upstream not found');
  const file = join(dir, 'nginx.conf');
  writeFileSync(file, conf);
  const proc = spawn(NGINX, [
    '-p',
    dir,
    '-c',
    file,
    '-g',
    `daemon off; master_process on; pid ${join(dir, 'nginx.pid')}; error_log stderr warn;`,
  ]);
  let out = '';
  proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`nginx exited: ${out}`);
    const ok = await fetch(`${base}/api/health/live`)
      .then((r) => r.status === 200)
      .catch(() => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`nginx did not answer: ${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    base,
    output: () => out,
    stop: () =>
      new Promise<void>((res) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return res();
        proc.once('exit', () => res());
        proc.kill('SIGQUIT'); // nginx's graceful stop
      }),
  };
}

/** The scheduler role (`worker.js --scheduler`), with the same Proc handle the other processes have. */
export async function startScheduler(env: NodeJS.ProcessEnv, cwd: string, name: string): Promise<Proc> {
  const proc = spawn(process.execPath, [join(ROOT, 'dist/apps/api/worker.js'), '--scheduler'], { cwd, env });
  let out = '';
  proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const end = (signal: NodeJS.Signals) =>
    new Promise<void>((res) => {
      if (proc.exitCode !== null || proc.signalCode !== null) return res();
      proc.once('exit', () => res());
      proc.kill(signal);
    });
  const deadline = Date.now() + 60_000;
  while (!out.includes('started (pid')) {
    if (proc.exitCode !== null || Date.now() > deadline) throw new Error(`${name} did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { proc, name, output: () => out, kill: () => end('SIGKILL'), stop: () => end('SIGTERM') };
}

/** A client of `GET /api/events` (server-sent events) that keeps every event it receives. */
export class SseClient {
  readonly events: ServerEvent[] = [];
  private readonly abort = new AbortController();
  private done: Promise<void> = Promise.resolve();

  /** `cookie`: a session cookie of the signed-in user. */
  static async connect(base: string, cookie: string): Promise<SseClient> {
    const c = new SseClient();
    const res = await fetch(`${base}/api/events`, {
      headers: { cookie, accept: 'text/event-stream' },
      signal: c.abort.signal,
    });
    if (res.status !== 200 || !res.body) throw new Error(`SSE: ${res.status}`);
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    c.done = (async () => {
      let buf = '';
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) return;
        buf += value;
        let cut: number;
        while ((cut = buf.indexOf('\n\n')) >= 0) {
          const data = buf
            .slice(0, cut)
            .split('\n')
            .filter((l) => l.startsWith('data: '))
            .map((l) => l.slice(6))
            .join('\n');
          buf = buf.slice(cut + 2);
          if (data) c.events.push(JSON.parse(data) as ServerEvent);
        }
      }
    })();
    return c;
  }

  /** Waits until an event matching `pred` has arrived. */
  async waitFor(pred: (e: ServerEvent) => boolean, ms = 60_000): Promise<ServerEvent> {
    const deadline = Date.now() + ms;
    for (;;) {
      const e = this.events.find(pred);
      if (e) return e;
      if (Date.now() > deadline) throw new Error(`no matching event among ${this.events.length}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async close(): Promise<void> {
    this.abort.abort();
    await this.done;
  }
}

/** Runs `fn` over `items` with at most `width` calls in flight. */
export async function pool<T>(
  items: readonly T[],
  width: number,
  fn: (t: T) => Promise<void>,
): Promise<void> {
  let i = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (i < items.length) await fn(items[i++]);
    }),
  );
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
