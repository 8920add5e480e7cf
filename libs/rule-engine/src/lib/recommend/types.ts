import type { RuleType } from '@dqw/shared-types';
import type { RuleAst } from '../dsl/ast';
import type { InMemoryRows } from '../executors/in-memory';
import type { DatasetRef } from '../model';
import type { DatasetProfile } from '../profile/types';

/** "Would have failed k of the last n versions", from earlier profiles. */
export interface HistoryCheck {
  /** Earlier versions looked at. */
  versions: number;
  failed: number;
  /** Versions whose profile can't tell (e.g. an incomplete value list for ACCEPTED_VALUES). */
  unknown: number;
  /** `versionId` (or `profiledAt`) of the versions it would have failed. */
  failedVersions: string[];
}

/** The rule run on the data the profile came from. A suggestion is only proposed when this passed. */
export interface Backtest {
  status: 'passed' | 'failed' | 'error' | 'skipped';
  rowsChecked: number;
  failedCount: number;
  passRate: number;
  message?: string;
}

/**
 * One proposed rule: the API's `RecommendationDto` without the stored fields (`id`, `datasetId`,
 * `status`), plus how it was found and checked.
 */
export interface Suggestion {
  /** The column the rule is about; null for dataset-level rules (ROW_COUNT). */
  column: string | null;
  type: RuleType;
  /** Canonical DSL (`formatRule`), valid against the profiled schema. */
  dsl: string;
  ast: RuleAst;
  /** Plain words, with the numbers behind the suggestion. */
  rationale: string;
  /** 0–1: how likely the rule is to keep holding. */
  confidence: number;
  /** Which heuristic proposed it, e.g. `deequ.complete`, `testgen.unique`, `fk.containment`. */
  heuristic: string;
  history?: HistoryCheck;
  backtest?: Backtest;
}

/** Another dataset FOREIGN_KEY suggestions may point into. */
export interface OtherDataset {
  /** Its name, as `REFERENCES name(col)` refers to it. */
  name: string;
  /** Its latest profile; only columns that are unique there are considered as keys. */
  profile: DatasetProfile;
  /**
   * Where its rows are, when the back-test can reach them through the same runner (same engine): the
   * containment check is then the FOREIGN_KEY rule itself, run as an anti-join.
   */
  ref?: DatasetRef;
  /** Its rows, for back-testing in memory (small samples). */
  rows?: InMemoryRows;
}

export interface RecommendContext {
  otherDatasets?: OtherDataset[];
  /** Earlier profiles of the same dataset (any order); used for "would have failed k of n" and stability. */
  history?: DatasetProfile[];
}
