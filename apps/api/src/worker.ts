import 'reflect-metadata';
import { exitOnStartupError, readConfigOrExit } from './core/config/read-config';

/**
 * Worker entry (no HTTP): `node dist/apps/api/worker.js` consumes the Bull queues;
 * `--scheduler` runs the scheduler role instead (periodic jobs, leader-locked), `--with-scheduler` both.
 * Production runs several workers and one or two schedulers beside the web processes.
 */
async function main(): Promise<void> {
  const config = readConfigOrExit();
  if (!config.redisUrl) {
    process.stderr.write(
      'Configuration error: REDIS_URL is required for a separate worker (without Redis the API process runs the jobs itself)\n',
    );
    process.exit(1);
  }
  const args = new Set(process.argv.slice(2));
  const roles = {
    web: false,
    worker: !args.has('--scheduler'),
    scheduler: args.has('--scheduler') || args.has('--with-scheduler'),
  };
  const [{ NestFactory }, { Logger }, { AppModule }] = await Promise.all([
    import('@nestjs/core'),
    import('nestjs-pino'),
    import('./app.module'),
  ]);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config, { roles }), {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  // SIGTERM: Bull stops taking jobs and waits for the running ones, then the database and Redis close and
  // the process exits 0 by itself (exit 1 if something stays open). Nest's own hook would re-raise the
  // signal instead, so the exit code would not tell a clean stop from a crash.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      app
        .close()
        .then(() => {
          setTimeout(() => {
            process.stderr.write('Shutdown: connections still open 10 s after closing; exiting with 1\n');
            process.exit(1);
          }, 10_000).unref();
        })
        .catch((e: unknown) => {
          process.stderr.write(`Shutdown failed: ${String(e)}\n`);
          process.exit(1);
        });
    });
  }
  const what = [roles.worker && 'worker', roles.scheduler && 'scheduler'].filter(Boolean).join(' + ');
  process.stdout.write(`Watchtower ${what} started (pid ${process.pid})\n`);
}

main().catch(exitOnStartupError('The Watchtower worker'));
