/** The SQL back ends: compiler, runner, and the dialect primitives other SQL code (the profiler) builds on. */
export { compileRuleSet, type CompileOptions, type CompiledRule, type RuleSetPlan } from './compile';
export { runRuleSet, DEFAULT_SAMPLE_SIZE, MAX_SAMPLE_SIZE, type SqlRunOptions } from './run';
export {
  dialectFor,
  duckdbDialect,
  mysqlDialect,
  postgresDialect,
  sqliteDialect,
  type Dialect,
  type ParamType,
} from './dialects';
export { SqlParams, type BoundStatement } from './params';
export { cellSql, readsAsText, textOfView, valueSql, viewSql } from './reading';
export { layeredSelect, sourceSql, type LayerRequest } from './source';
export { csvColumnsSql, diagnoseCsv, readCsvSql, MAX_CSV_RECORD_BYTES, type CsvProblem } from './csv';
export { duckdbSessionSettings, type DuckdbSessionOptions } from './duckdb-session';
export { sqliteUserFunctions, type SqliteUserFunction } from './sqlite-functions';
export { re2ToPostgres } from './regex-postgres';
export type { RegexAtom, RegexAtomResult } from './expression-sql';
