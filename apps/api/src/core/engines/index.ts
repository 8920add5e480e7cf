export * from './duckdb-engine';
export * from './engines.module';
export * from './external-source';
export * from './source-registry';
export * from './source-spec';
export * from './regex';
