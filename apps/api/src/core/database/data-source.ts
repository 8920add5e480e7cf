import { DataSource } from 'typeorm';
import { loadConfig } from '../config/config';
import { buildDataSourceOptions } from './data-source-options';

/** Standalone data source for the TypeORM CLI and `npm run migrate` (reads the same env as the API). */
export default new DataSource(buildDataSourceOptions(loadConfig()));
