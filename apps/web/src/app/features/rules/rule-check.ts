/**
 * The rule editor's live checks, in the browser: parse and validate the text against the dataset's schema
 * (as `POST /api/rules/validate` does) and run it with the engine's in-memory back end on sample rows.
 * This file is the only one importing `@dqw/rule-engine`; only the lazy editor route imports it, so the
 * engine (Chevrotain + arquero) never weighs on the initial bundle.
 */
import {
  formatRule,
  isDatasetLevel,
  parseRule,
  pikeRegexEngine,
  referencedColumns,
  runInMemory,
  validateRule,
  type DatasetSchema,
  type DslError,
  type InMemoryData,
  type RuleAst,
} from '@dqw/rule-engine';
import { DatasetDetailDto, DatasetDto, RuleType } from '@dqw/shared-types';

export interface RuleCheck {
  errors: DslError[];
  /** Set when the text parsed (even if it does not fit the dataset). */
  ast: RuleAst | null;
  type: RuleType | null;
  /** The canonical form when valid. */
  canonical: string | null;
  columns: string[];
}

export interface CheckContext {
  /** The dataset's schema; null checks the syntax only (no dataset chosen yet). */
  schema: DatasetSchema | null;
  /** The dataset has no version yet: every rule is refused, as the API does. */
  noDataName?: string;
  /** Another dataset's schema by name, for FOREIGN_KEY; absent → targets are not checked here. */
  resolveSchema?: (name: string) => DatasetSchema | undefined;
}

/** Checks rule text the way the API's save path does; never throws. */
export function checkRule(dsl: string, ctx: CheckContext): RuleCheck {
  const parsed = parseRule(dsl);
  if (!parsed.ok) return { errors: parsed.errors, ast: null, type: null, canonical: null, columns: [] };
  const ast = parsed.ast;
  if (ctx.noDataName !== undefined) {
    const message = `Dataset '${ctx.noDataName}' has no data yet: upload a version before checking rules against it`;
    return {
      errors: [{ line: 1, column: 1, length: 1, message }],
      ast,
      type: ast.type,
      canonical: null,
      columns: [],
    };
  }
  if (ctx.schema) {
    const errors = validateRule(
      ast,
      ctx.schema,
      ctx.resolveSchema ? { resolveSchema: ctx.resolveSchema } : {},
    );
    if (errors.length) return { errors, ast, type: ast.type, canonical: null, columns: [] };
  }
  return { errors: [], ast, type: ast.type, canonical: formatRule(ast), columns: referencedColumns(ast) };
}

/** The schema rules run with: the dataset's effective column types, its null markers and key columns. */
export function schemaOf(dataset: DatasetDetailDto): DatasetSchema {
  const stored = new Map((dataset.currentVersion?.columns ?? []).map((c) => [c.name, c]));
  const columns = dataset.columns.map((c) => {
    const version = stored.get(c.name);
    return {
      name: c.name,
      type: c.type,
      format: c.type === 'date' || c.type === 'timestamp' ? (c.format ?? null) : null,
      storage: version?.storage ?? ('text' as const),
      ...(version?.nativeType ? { nativeType: version.nativeType } : {}),
    };
  });
  const names = new Set(columns.map((c) => c.name));
  return {
    columns,
    nullMarkers: [...dataset.nullMarkers],
    keyColumns: dataset.keyColumns.filter((k) => names.has(k)),
  };
}

/** Another dataset's schema from the list shape (names and types: enough to check a FOREIGN_KEY). */
export function listSchemaOf(dataset: DatasetDto): DatasetSchema {
  return {
    columns: dataset.columns.map((c) => ({ name: c.name, type: c.type, format: c.format ?? null })),
    nullMarkers: [],
  };
}

export interface PreviewOutcome {
  status: 'passed' | 'failed' | 'error';
  rowsChecked: number;
  failedCount: number;
  passRate: number;
  error: string | null;
  /** 1-based numbers of the sample rows that fail. */
  failingRows: ReadonlySet<number>;
  /** ROW_COUNT and FRESHNESS judge the dataset as a whole: no rows are singled out. */
  datasetLevel: boolean;
  /** The MOSTLY threshold as written (`'99.5'`), or null for 100 %. */
  mostly: string | null;
  /** Sample rows evaluated. */
  sampleRows: number;
}

export interface PreviewOptions {
  now: Date;
  /** Rows of a dataset a FOREIGN_KEY names (case-insensitive), for looking values up. */
  resolveRows?: (name: string) => InMemoryData | undefined;
}

/** Runs one checked rule on sample rows with the in-memory back end and the linear-time regex engine. */
export function previewRule(ast: RuleAst, data: InMemoryData, options: PreviewOptions): PreviewOutcome {
  const sampleSize = Math.min(1000, Math.max(1, data.rows.length));
  const { results } = runInMemory([{ id: 'preview', ast }], data, {
    sampleSize,
    now: options.now,
    regexEngine: pikeRegexEngine,
    resolveRows: options.resolveRows,
  });
  const r = results[0];
  const failingRows = new Set<number>();
  for (const s of r.samples) if (s.rowNumber !== null) failingRows.add(s.rowNumber);
  return {
    status: r.verdict === 'PASSED' ? 'passed' : r.verdict === 'FAILED' ? 'failed' : 'error',
    rowsChecked: r.rowsChecked,
    failedCount: r.failedCount,
    passRate: r.passRate,
    error: r.error ?? null,
    failingRows,
    datasetLevel: isDatasetLevel(ast),
    mostly: ast.mostly ?? null,
    sampleRows: data.rows.length,
  };
}
