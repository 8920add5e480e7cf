/**
 * `recommendRules`: profile in, proposed rules out — pure, no I/O. Each suggestion carries canonical DSL
 * (valid against the profiled schema), a rationale with its numbers, a confidence, and — when earlier
 * profiles are given — how it would have fared on them. `backtestSuggestions` then runs them on the data.
 */
import { formatRule } from '../dsl/format';
import { parseRule } from '../dsl/parse';
import { validateRule, type ValidationContext } from '../dsl/validate';
import type { DatasetSchema } from '../model';
import type { DatasetProfile } from '../profile/types';
import { foreignKeyRules } from './foreign-keys';
import {
  acceptedValuesRules,
  completenessRules,
  freshnessRules,
  patternRules,
  rangeRules,
  rowCountRules,
  uniqueRules,
  type Draft,
  type RangeHistory,
} from './heuristics';
import { checkHistory } from './history';
import { clampConfidence, sizeFactor } from './stats';
import type { RecommendContext, Suggestion } from './types';

/** Proposes rules for a profiled dataset, best first within each column, columns in schema order. */
export function recommendRules(profile: DatasetProfile, context: RecommendContext = {}): Suggestion[] {
  const history = context.history ?? [];
  const others = context.otherDatasets ?? [];
  const rows = profile.rowCount;
  const drafts: Draft[] = [];
  for (const c of profile.columns) {
    drafts.push(...completenessRules(c, rows));
    const unique = uniqueRules(c, rows);
    drafts.push(...unique);
    const categorical = unique.length ? [] : acceptedValuesRules(c, rows);
    drafts.push(...categorical);
    drafts.push(...rangeRules(c, rows, rangeHistory(c.name, history)));
    drafts.push(
      ...patternRules(
        c,
        rows,
        categorical.some((d) => d.ast.mostly === undefined),
      ),
    );
    if (others.length) drafts.push(...foreignKeyRules(c, profile, others));
    drafts.push(...freshnessRules(c, profile, history));
  }
  drafts.push(...rowCountRules(profile, history));
  const schema = schemaOfProfile(profile);
  const ctx: ValidationContext = {
    resolveSchema: (name) => {
      const o = others.find((x) => x.name.toLowerCase() === name.toLowerCase());
      return o ? schemaOfProfile(o.profile) : undefined;
    },
  };
  const out: Suggestion[] = [];
  for (const d of drafts) {
    const s = finish(d, schema, ctx, history);
    if (s) out.push(s);
  }
  return out;
}

function finish(
  d: Draft,
  schema: DatasetSchema,
  ctx: ValidationContext,
  history: DatasetProfile[],
): Suggestion | null {
  const dsl = formatRule(d.ast);
  // What is proposed must read back and validate against the profiled schema, as a saved rule would;
  // a draft that doesn't is dropped rather than shown (the tests hold every heuristic to this).
  const parsed = parseRule(dsl);
  if (!parsed.ok || validateRule(parsed.ast, schema, ctx).length > 0) return null;
  let confidence = d.baseConfidence * sizeFactor(d.evidence);
  let rationale = d.rationale;
  const s: Suggestion = {
    column: d.column,
    type: d.type,
    dsl,
    ast: d.ast,
    rationale,
    confidence: 0,
    heuristic: d.heuristic,
  };
  if (history.length > 0) {
    const h = checkHistory(d.ast, history);
    s.history = h;
    const known = h.versions - h.unknown;
    if (h.failed > 0) {
      confidence *= 1 - h.failed / Math.max(1, known);
      rationale += ` It would have failed ${h.failed} of the last ${h.versions} versions.`;
    } else if (known > 0) {
      // Holding on earlier versions is evidence too: close a third of the gap to certainty per version.
      confidence = 1 - (1 - confidence) * Math.pow(2 / 3, known);
      rationale += ` It would have passed on ${known === h.versions ? 'all' : known + ' of'} the last ${h.versions} versions.`;
    }
  }
  s.rationale = rationale;
  s.confidence = clampConfidence(confidence);
  return s;
}

function rangeHistory(column: string, history: DatasetProfile[]): RangeHistory | null {
  const mins: number[] = [];
  const maxs: number[] = [];
  for (const h of history) {
    const c = h.columns.find((x) => x.name === column);
    if (c && typeof c.min === 'number' && typeof c.max === 'number') {
      mins.push(c.min);
      maxs.push(c.max);
    }
  }
  return mins.length ? { mins, maxs } : null;
}

/** The schema a profile describes: its columns with their types and formats, and the applied markers. */
export function schemaOfProfile(profile: DatasetProfile): DatasetSchema {
  return {
    columns: profile.columns.map((c) => ({
      name: c.name,
      type: c.type,
      format: c.format,
      storage: c.storage,
    })),
    nullMarkers: [...profile.nullMarkers],
  };
}
