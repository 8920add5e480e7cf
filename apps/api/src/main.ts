import 'reflect-metadata';
import { AppConfig, ConfigError, loadConfig } from './core/config/config';

function readConfig(): AppConfig {
  try {
    return loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  // Loaded after the config check, so a bad setting fails fast without starting Nest.
  const { createApp } = await import('./create-app');
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  process.stdout.write(
    `\nData Quality Watchtower is running at http://${host}:${config.port}/  (API docs: http://${host}:${config.port}/api/docs, mode: ${config.mode})\n\n`,
  );
}

main().catch((e: unknown) => {
  const msg = e instanceof Error ? e.message : String(e);
  process.stderr.write(`Watchtower could not start: ${msg}\n`);
  process.exit(1);
});
