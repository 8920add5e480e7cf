import 'reflect-metadata';
import { exitOnStartupError, readConfigOrExit } from './core/config/read-config';

async function main(): Promise<void> {
  const config = readConfigOrExit();
  if (process.argv.slice(2).includes('--demo')) config.demo = true; // `npm start -- --demo`
  // Loaded after the config check, so a bad setting fails fast without starting Nest.
  const { createApp } = await import('./create-app');
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  process.stdout.write(
    `\nData Quality Watchtower is running at http://${host}:${config.port}/  (API docs: http://${host}:${config.port}/api/docs, mode: ${config.mode})\n\n`,
  );
}

main().catch(exitOnStartupError('Watchtower'));
