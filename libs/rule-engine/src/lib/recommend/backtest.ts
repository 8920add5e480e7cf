/**
 * Back-testing: every suggestion is run on the data its profile came from, all in one rule-set run (one
 * scan for the row-level rules), and only those that pass there are proposed. FOREIGN_KEY suggestions
 * are checked the same way — the rule's anti-join is the containment check — when the referenced
 * dataset is reachable by the same executor.
 */
import { runInMemory, type InMemoryRows } from '../executors/in-memory';
import type {
  ColumnSchema,
  DatasetRef,
  DatasetSchema,
  RuleSetResult,
  RuleToRun,
  RunOptions,
  SqlRunner,
} from '../model';
import type { DatasetProfile } from '../profile/types';
import type { RegexEngine } from '../regex/engine';
import { runRuleSet } from '../sql/run';
import { schemaOfProfile } from './recommend';
import type { Backtest, OtherDataset, Suggestion } from './types';

/** Runs a rule set on the profiled data: `runRuleSet` bound to a runner and dataset, or `runInMemory`. */
export type RuleSetExecutor = (
  rules: RuleToRun[],
  options: RunOptions,
) => Promise<RuleSetResult> | RuleSetResult;

export interface BacktestOptions {
  /** "now" for FRESHNESS; pass the profile's time to check exactly what the profile saw. */
  now?: Date;
  /** Datasets FOREIGN_KEY suggestions refer to (those with a `ref` can be checked). */
  otherDatasets?: OtherDataset[];
  /** Keep suggestions that could not be checked (status `skipped`) instead of rejecting them. */
  keepUnchecked?: boolean;
}

export interface BacktestOutcome {
  /** Passed on their own data (and, with `keepUnchecked`, those that couldn't be run). */
  accepted: Suggestion[];
  /** Failed, errored or couldn't be checked; each with its `backtest` saying why. */
  rejected: Suggestion[];
  /** The run that checked them (its plan shows the scans). */
  run?: RuleSetResult;
}

/**
 * Runs every suggestion through `execute` and sorts them into accepted and rejected. Suggestions
 * naming a dataset that `otherDatasets` can't resolve are `skipped`.
 */
export async function backtestSuggestions(
  suggestions: Suggestion[],
  execute: RuleSetExecutor,
  options: BacktestOptions = {},
): Promise<BacktestOutcome> {
  const others = options.otherDatasets ?? [];
  const resolvable = (name: string) => others.find((o) => o.name.toLowerCase() === name.toLowerCase());
  const runnable: { s: Suggestion; id: string }[] = [];
  const results = new Map<Suggestion, Backtest>();
  suggestions.forEach((s, i) => {
    if (s.ast.type === 'FOREIGN_KEY') {
      const target = resolvable(s.ast.refDataset);
      if (!target || (!target.ref && !target.rows)) {
        results.set(s, skipped(`${s.ast.refDataset} can't be reached from here to check containment`));
        return;
      }
    }
    runnable.push({ s, id: `s${i}` });
  });
  let run: RuleSetResult | undefined;
  if (runnable.length > 0) {
    try {
      run = await execute(
        runnable.map((r) => ({ id: r.id, ast: r.s.ast })),
        {
          sampleSize: 0,
          now: options.now,
          resolveDataset: (name) => {
            const o = resolvable(name);
            return o?.ref ? withProfileTypes(o.ref, o.profile) : undefined;
          },
        },
      );
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      for (const r of runnable) results.set(r.s, { ...skipped(message), status: 'error' });
    }
    if (run) {
      const byId = new Map(run.results.map((r) => [r.ruleId, r]));
      for (const r of runnable) {
        const res = byId.get(r.id);
        results.set(
          r.s,
          res
            ? {
                status: res.verdict === 'PASSED' ? 'passed' : res.verdict === 'FAILED' ? 'failed' : 'error',
                rowsChecked: res.rowsChecked,
                failedCount: res.failedCount,
                passRate: res.passRate,
                ...(res.error ? { message: res.error } : {}),
              }
            : { ...skipped('the run returned no result for this rule'), status: 'error' },
        );
      }
    }
  }
  const accepted: Suggestion[] = [];
  const rejected: Suggestion[] = [];
  for (const s of suggestions) {
    const backtest = results.get(s) ?? skipped('not run');
    const out = { ...s, backtest };
    if (backtest.status === 'passed' || (backtest.status === 'skipped' && options.keepUnchecked))
      accepted.push(out);
    else rejected.push(out);
  }
  return { accepted, rejected, run };
}

function skipped(message: string): Backtest {
  return { status: 'skipped', rowsChecked: 0, failedCount: 0, passRate: 1, message };
}

/**
 * A dataset with the types its profile settled on (text-storage columns: the inferred or user type
 * and detected format; native columns unchanged), as rules should read it.
 */
export function withProfileTypes(dataset: DatasetRef, profile: DatasetProfile): DatasetRef {
  return { ...dataset, schema: schemaWithProfileTypes(dataset.schema, profile) };
}

export function schemaWithProfileTypes(schema: DatasetSchema, profile: DatasetProfile): DatasetSchema {
  const byName = new Map(profile.columns.map((c) => [c.name, c]));
  const columns: ColumnSchema[] = schema.columns.map((c) => {
    const p = byName.get(c.name);
    if (!p || (c.storage ?? 'text') === 'native') return c;
    return { ...c, type: p.type, format: p.format };
  });
  return { ...schema, columns };
}

export interface SqlBacktestOptions {
  /** Datasets FOREIGN_KEY suggestions refer to; those with a `ref` on the same runner are checked. */
  otherDatasets?: OtherDataset[];
  /** Linear-time RE2 engine for patterns the database can't run (see `runRuleSet`). */
  regexEngine?: RegexEngine;
  /** Default: the profile's time. */
  now?: Date;
  keepUnchecked?: boolean;
}

/**
 * Back-tests suggestions where the profiled data lives, with `runRuleSet` (one scan for the row-level
 * rules; FOREIGN_KEY as an anti-join against the referenced dataset on the same runner).
 */
export function backtestOnSql(
  runner: SqlRunner,
  dataset: DatasetRef,
  profile: DatasetProfile,
  suggestions: Suggestion[],
  options: SqlBacktestOptions = {},
): Promise<BacktestOutcome> {
  const typed = withProfileTypes(dataset, profile);
  return backtestSuggestions(
    suggestions,
    (rules, opts) => runRuleSet(runner, typed, rules, { ...opts, regexEngine: options.regexEngine }),
    {
      now: options.now ?? new Date(profile.profiledAt),
      otherDatasets: options.otherDatasets,
      keepUnchecked: options.keepUnchecked,
    },
  );
}

/** Back-tests suggestions on rows held in memory (`runInMemory`); other datasets need their `rows`. */
export function backtestInMemory(
  schema: DatasetSchema,
  rows: InMemoryRows,
  profile: DatasetProfile,
  suggestions: Suggestion[],
  options: SqlBacktestOptions = {},
): Promise<BacktestOutcome> {
  const data = { schema: schemaWithProfileTypes(schema, profile), rows };
  const others = options.otherDatasets ?? [];
  return backtestSuggestions(
    suggestions,
    (rules, opts) =>
      runInMemory(rules, data, {
        ...opts,
        regexEngine: options.regexEngine,
        resolveRows: (name) => {
          const o = others.find((x) => x.name.toLowerCase() === name.toLowerCase());
          return o?.rows ? { schema: schemaOfProfile(o.profile), rows: o.rows } : undefined;
        },
      }),
    {
      now: options.now ?? new Date(profile.profiledAt),
      otherDatasets: others.map((o) => ({ ...o, ref: undefined })),
      keepUnchecked: options.keepUnchecked,
    },
  );
}
