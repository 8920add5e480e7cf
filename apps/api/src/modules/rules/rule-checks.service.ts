import {
  runInMemory,
  type DatasetSchema,
  type DslError,
  type InMemoryData,
  type RuleAst,
} from '@dqw/rule-engine';
import type { PreviewRuleResponse, RuleType, ValidateRuleResponse } from '@dqw/shared-types';
import { Injectable } from '@nestjs/common';
import { InvalidInputError } from '../../core/http/domain-errors';
import { RulesDatasets, type DatasetInfo } from './datasets.port';
import { PREVIEW_DEFAULT_ROWS, PREVIEW_MAX_ROWS, type PreviewRuleDto } from './dto/rule-requests.dto';
import { regexEngine } from './regex';
import { checkDsl, dslErrorMessage } from './rule-dsl';

/** Failing rows a preview returns. */
const PREVIEW_FAILING_ROWS = 100;

export interface CheckedRule {
  ast: RuleAst;
  type: RuleType;
  canonical: string;
  columns: string[];
}

type Outcome = { ok: true; rule: CheckedRule } | { ok: false; errors: DslError[] };

const noSchemaError = (ds: DatasetInfo): DslError => ({
  line: 1,
  column: 1,
  length: 1,
  message: `Dataset '${ds.name}' has no data yet: upload a version before checking rules against it`,
});

/** Validation against a dataset's schema (the rules save path and `POST /api/rules/validate`), and previews. */
@Injectable()
export class RuleChecksService {
  constructor(private readonly datasets: RulesDatasets) {}

  /** Parses and checks a rule against the current schema of `ds`; FOREIGN_KEY targets are looked up by name. */
  async check(dsl: string, ds: DatasetInfo): Promise<Outcome> {
    const syntax = checkDsl(dsl);
    if (!syntax.ok) return { ok: false, errors: syntax.errors };
    if (!ds.schema) return { ok: false, errors: [noSchemaError(ds)] };
    const refs = new Map<string, DatasetSchema | undefined>();
    if (syntax.ast.type === 'FOREIGN_KEY') {
      const name = syntax.ast.refDataset;
      refs.set(name.toLowerCase(), await this.datasets.schemaByName(name));
    }
    const full = checkDsl(dsl, ds.schema, (name) => refs.get(name.toLowerCase()));
    if (!full.ok) return { ok: false, errors: full.errors };
    return {
      ok: true,
      rule: { ast: full.ast, type: full.type, canonical: full.canonical, columns: full.columns },
    };
  }

  /** As `check`, but a problem is a 400 with the positions in `details`. */
  async checkOrThrow(dsl: string, ds: DatasetInfo): Promise<CheckedRule> {
    const outcome = await this.check(dsl, ds);
    if (!outcome.ok) {
      throw new InvalidInputError(dslErrorMessage(outcome.errors), outcome.errors);
    }
    return outcome.rule;
  }

  async validate(dsl: string, datasetId?: string): Promise<ValidateRuleResponse> {
    if (datasetId === undefined) {
      const syntax = checkDsl(dsl);
      return syntax.ok
        ? { valid: true, errors: [], type: syntax.type, canonical: syntax.canonical, columns: syntax.columns }
        : {
            valid: false,
            errors: syntax.errors,
            type: syntax.ast?.type ?? null,
            canonical: null,
            columns: [],
          };
    }
    const ds = await this.datasets.describe(datasetId);
    const outcome = await this.check(dsl, ds);
    if (outcome.ok) {
      const { type, canonical, columns } = outcome.rule;
      return { valid: true, errors: [], type, canonical, columns };
    }
    const parsed = checkDsl(dsl);
    return {
      valid: false,
      errors: outcome.errors,
      type: parsed.ok ? parsed.type : null,
      canonical: null,
      columns: [],
    };
  }

  /**
   * Runs the rule with the in-memory back end on the first rows of the current version. Nothing is
   * stored; the rule need not be saved. A FOREIGN_KEY looks values up in a sample of the other dataset.
   */
  async preview(dto: PreviewRuleDto): Promise<PreviewRuleResponse> {
    const ds = await this.datasets.describe(dto.datasetId);
    const rule = await this.checkOrThrow(dto.dsl, ds);
    const limit = Math.min(dto.sampleSize ?? PREVIEW_DEFAULT_ROWS, PREVIEW_MAX_ROWS);
    const sample = await this.datasets.sample(ds.id, limit);
    const notes: string[] = [];
    const foreign = new Map<string, InMemoryData | undefined>();
    if (rule.ast.type === 'FOREIGN_KEY') {
      const name = rule.ast.refDataset;
      const ref = await this.datasets.sampleByName(name, PREVIEW_MAX_ROWS);
      foreign.set(name.toLowerCase(), ref && { schema: ref.schema, rows: ref.rows });
      if (ref && ref.rows.length >= PREVIEW_MAX_ROWS) {
        notes.push(
          `Values were looked up in the first ${PREVIEW_MAX_ROWS} rows of '${name}' only; a real run checks all of them`,
        );
      }
    }
    if (sample.rows.length >= limit) {
      notes.push(`Only the first ${sample.rows.length} rows were checked; a run checks every row`);
    }
    const { results } = runInMemory(
      [{ id: 'preview', ast: rule.ast }],
      { schema: sample.schema, rows: sample.rows },
      {
        sampleSize: PREVIEW_FAILING_ROWS,
        now: new Date(),
        regexEngine: regexEngine(),
        resolveRows: (name) => foreign.get(name.toLowerCase()),
      },
    );
    const r = results[0];
    return {
      datasetId: ds.id,
      datasetVersionId: sample.versionId,
      type: rule.type,
      sampleRows: sample.rows.length,
      status: r.verdict === 'PASSED' ? 'passed' : r.verdict === 'FAILED' ? 'failed' : 'error',
      rowsChecked: r.rowsChecked,
      failedCount: r.failedCount,
      passRate: r.passRate,
      error: r.error ?? null,
      columns: sample.schema.columns.map((c) => c.name),
      failingRows: r.samples.map((s) => ({
        rowNumber: s.rowNumber,
        ...(s.key ? { key: s.key } : {}),
        values: s.values,
      })),
      notes,
    };
  }
}
