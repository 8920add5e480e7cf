export * from './lib/dsl/ast';
export * from './lib/model';
export * from './lib/semantics/verdict';
export { parseRule, parseRuleSet, type ParseRuleResult, type ParsedRuleSet } from './lib/dsl/parse';
export { DslSyntaxError, type DslError } from './lib/dsl/errors';
export { formatRule, formatExpr } from './lib/dsl/format';
export { ruleTypeOf, referencedColumns, isDatasetLevel } from './lib/dsl/introspect';
export { formatIdentifier, RESERVED_WORDS } from './lib/dsl/identifiers';
export {
  validateRule,
  analyzeRule,
  type ValidationContext,
  type RuleAnalysis,
  type AnalyzeResult,
} from './lib/dsl/validate';
export type { IR, ExprType } from './lib/expression/ir';
export {
  type RegexEngine,
  type Re2Constructor,
  type Re2WasmOptions,
  re2WasmEngine,
} from './lib/regex/engine';
export { pikeRegexEngine } from './lib/regex/pike';
export { checkRe2Syntax, type RegexSyntaxProblem } from './lib/regex/syntax';
export * from './lib/semantics/values';
export { compareText, codePointLength, simpleLower, simpleUpper } from './lib/semantics/text';
export { formatInstant, MS_PER_DAY } from './lib/semantics/datetime';
export {
  runInMemory,
  type InMemoryData,
  type InMemoryOptions,
  type InMemoryRows,
} from './lib/executors/in-memory';
export * from './lib/profile/types';
export { profileDataset } from './lib/profile/profile-dataset';
export { ProfileError, DEFAULT_TOP_N, DEFAULT_DISTINCT_EXACT_LIMIT, MAX_TOP_N } from './lib/profile/options';
export { PATTERN_CLASSES, NULL_MARKER_CANDIDATES, formatRegex } from './lib/profile/patterns';
export * from './lib/recommend/types';
export { recommendRules, schemaOfProfile } from './lib/recommend/recommend';
export { checkHistory, wouldFail } from './lib/recommend/history';
export * from './lib/sql';
export { profileRows } from './lib/profile/profile-rows';
export {
  backtestSuggestions,
  backtestOnSql,
  backtestInMemory,
  withProfileTypes,
  schemaWithProfileTypes,
  type RuleSetExecutor,
  type BacktestOptions,
  type BacktestOutcome,
  type SqlBacktestOptions,
} from './lib/recommend/backtest';
