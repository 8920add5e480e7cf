import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * What can be validated of docker/ without a Docker engine: the compose file through Debian's
 * docker-compose, the nginx config through nginx -t, and the Dockerfile's shape. CI installs both tools.
 */
const root = resolve(__dirname, '../../../..');
const docker = join(root, 'docker');
const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const required = (cmd: string) => {
  if (has(cmd)) return true;
  if (process.env['CI'] === 'true') throw new Error(`${cmd} is required on CI (apt-get install ${cmd})`);
  return false;
};

describe('docker/', () => {
  it.runIf(required('docker-compose'))('compose file is valid and has the production shape', () => {
    const out = execFileSync('docker-compose', ['-f', join(docker, 'docker-compose.yml'), 'config'], {
      env: { ...process.env, POSTGRES_PASSWORD: 'p', ENCRYPTION_KEY: 'k' },
      encoding: 'utf8',
    });
    for (const svc of [
      'postgres:',
      'redis:',
      'migrate:',
      'api-1:',
      'api-2:',
      'worker:',
      'scheduler:',
      'nginx:',
    ]) {
      expect(out).toContain(`  ${svc}`);
    }
    expect(out).toMatch(/worker\.js[\s\S]*--scheduler/);
    expect(out).toContain('replicas: 2');
    expect(out).toContain('condition: service_healthy');
    // Refuses to start without the secrets instead of running with empty ones.
    const bare = spawnSync('docker-compose', ['-f', join(docker, 'docker-compose.yml'), 'config'], {
      env: { PATH: process.env['PATH'] },
      encoding: 'utf8',
    });
    expect(bare.status).not.toBe(0);
    expect(bare.stderr).toContain('POSTGRES_PASSWORD');
  });

  it.runIf(required('nginx'))('nginx config passes nginx -t and streams SSE unbuffered', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dqw-nginx-'));
    try {
      // Compose's service names don't resolve here: point the upstreams at loopback for the check.
      const conf = readFileSync(join(docker, 'nginx.conf'), 'utf8').replace(
        /api-(\d):3000/g,
        '127.0.0.1:300$1',
      );
      writeFileSync(join(dir, 'nginx.conf'), conf);
      const r = spawnSync('nginx', ['-t', '-c', join(dir, 'nginx.conf'), '-p', dir], { encoding: 'utf8' });
      expect(r.stderr).toContain('test is successful');
      expect(conf).toMatch(/location = \/api\/events \{[^}]*proxy_buffering off;/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('Dockerfile builds with npm ci, runs as a non-root user on Node 20, and has app and web targets', () => {
    const df = readFileSync(join(docker, 'Dockerfile'), 'utf8');
    expect(df).toMatch(/FROM node:20[^\n]* AS build/);
    expect(df).toContain('npm ci');
    expect(df).toMatch(/FROM node:20-bookworm-slim AS app/);
    expect(df).toMatch(/USER watchtower/);
    expect(df).toMatch(/FROM nginx:[^\n]* AS web/);
    expect(existsSync(join(root, '.dockerignore'))).toBe(true);
    expect(readFileSync(join(root, '.dockerignore'), 'utf8')).toMatch(/^node_modules$/m);
  });
});
