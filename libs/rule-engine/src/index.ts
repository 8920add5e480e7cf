export * from './lib/dsl/ast';
export * from './lib/model';
export * from './lib/semantics/verdict';
