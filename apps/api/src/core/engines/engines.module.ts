import { Module } from '@nestjs/common';
import { DuckdbEngine } from './duckdb-engine';
import { SourceRegistry } from './source-registry';

/** The production SqlRunners: embedded DuckDB for files, pooled read-only sessions for external databases. */
@Module({
  providers: [DuckdbEngine, SourceRegistry],
  exports: [DuckdbEngine, SourceRegistry],
})
export class EnginesModule {}
