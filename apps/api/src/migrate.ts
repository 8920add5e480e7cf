import 'reflect-metadata';
import { exitOnStartupError, readConfigOrExit } from './core/config/read-config';

/** `npm run migrate`: applies pending migrations and exits, for deployments that migrate as a separate step. */
async function main(): Promise<void> {
  const config = readConfigOrExit();
  const [{ buildDataSourceOptions }, { openDataSource }] = await Promise.all([
    import('./core/database/data-source-options'),
    import('./core/database/open-data-source'),
  ]);
  const ds = await openDataSource(buildDataSourceOptions(config));
  const known = ds.migrations.length;
  const pending = await ds.showMigrations();
  await ds.destroy();
  if (pending) throw new Error('some migrations are still pending after running them');
  process.stdout.write(`Migrations are up to date (${known} known).\n`);
}

main().catch(exitOnStartupError('The migration'));
