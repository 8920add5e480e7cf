import 'reflect-metadata';
import type { Server, ServerResponse } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { exitOnStartupError, readConfigOrExit } from './core/config/read-config';

/** Longest wait for in-flight requests after SIGTERM (below Docker's 10 s default before SIGKILL). */
const DRAIN_MS = 8_000;

/**
 * SIGTERM/SIGINT: stop accepting connections first, let in-flight requests finish (event streams are
 * ended, browsers reconnect to another process), then close Nest (queues, database, Redis). Nest's own
 * hooks would close the queues and the database while requests still run and wait for event streams
 * forever. With every connection closed the process exits 0 by itself; exit 1 if something stays open.
 */
function stopGracefully(app: INestApplication): void {
  const server = app.getHttpServer() as Server;
  const inFlight = new Set<ServerResponse>();
  server.on('request', (_req, res: ServerResponse) => {
    inFlight.add(res);
    res.on('close', () => inFlight.delete(res));
  });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.removeAllListeners(signal);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    server.close();
    for (const res of inFlight) {
      if (String(res.getHeader('content-type') ?? '').startsWith('text/event-stream')) res.end();
    }
    const deadline = Date.now() + DRAIN_MS;
    while (inFlight.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    server.closeAllConnections();
    await app.close();
    setTimeout(() => {
      process.stderr.write('Shutdown: connections still open 10 s after closing; exiting with 1\n');
      process.exit(1);
    }, 10_000).unref();
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      stop().catch((e: unknown) => {
        process.stderr.write(`Shutdown failed: ${String(e)}\n`);
        process.exit(1);
      });
    });
  }
}

async function main(): Promise<void> {
  const config = readConfigOrExit();
  if (process.argv.slice(2).includes('--demo')) config.demo = true; // `npm start -- --demo`
  // Loaded after the config check, so a bad setting fails fast without starting Nest.
  const { createApp } = await import('./create-app');
  const app = await createApp(config);
  stopGracefully(app);
  await app.listen(config.port, config.host);
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  process.stdout.write(
    `\nData Quality Watchtower is running at http://${host}:${config.port}/  (API docs: http://${host}:${config.port}/api/docs, mode: ${config.mode})\n\n`,
  );
}

main().catch(exitOnStartupError('Watchtower'));
