export * from './lib/dsl/ast';
export * from './lib/model';
export * from './lib/semantics/verdict';
export { parseRule, parseRuleSet, type ParseRuleResult, type ParsedRuleSet } from './lib/dsl/parse';
export { DslSyntaxError, type DslError } from './lib/dsl/errors';
export { formatRule, formatExpr } from './lib/dsl/format';
export { ruleTypeOf, referencedColumns, isDatasetLevel } from './lib/dsl/introspect';
export { formatIdentifier, RESERVED_WORDS } from './lib/dsl/identifiers';
