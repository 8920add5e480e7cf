import type { SqlDialect } from '../../model';
import { duckdbProfileDialect } from './duckdb';
import type { ProfileDialect } from './profile-dialect';

const DIALECTS: Partial<Record<SqlDialect, ProfileDialect>> = {
  duckdb: duckdbProfileDialect,
};

export function profileDialectFor(name: SqlDialect): ProfileDialect | undefined {
  return DIALECTS[name];
}
