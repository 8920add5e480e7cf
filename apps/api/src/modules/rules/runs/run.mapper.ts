import type { RunDetailDto, RunPlanDto, RunWithPlanDto } from '@dqw/shared-types';
import type { RuleVersion } from '../rule-version.entity';
import type { RuleRun } from './rule-run.entity';

/** The rule version facts a run shows (its name and number at the time it ran). */
export type VersionFacts = Pick<RuleVersion, 'id' | 'version' | 'name' | 'dsl'>;

export function toRunDto(r: RuleRun, v: VersionFacts): RunDetailDto {
  return {
    id: r.id,
    ruleId: r.ruleId,
    datasetId: r.datasetId,
    datasetVersionId: r.datasetVersionId,
    status: r.status,
    trigger: r.trigger,
    rowsChecked: r.rowsChecked,
    failedCount: r.failedCount,
    passRate: r.passRate,
    startedAt: r.startedAt?.toISOString() ?? null,
    finishedAt: r.finishedAt?.toISOString() ?? null,
    durationMs: r.durationMs,
    error: r.error,
    ruleVersionId: r.ruleVersionId,
    ruleVersion: v.version,
    ruleName: v.name,
    verdict: r.verdict,
    attempts: r.attempts,
    queuedAt: r.queuedAt.toISOString(),
    evidenceRows: r.evidenceRows,
    evidenceAvailable: r.evidenceFile !== null && r.evidencePrunedAt === null,
  };
}

export function toRunWithPlanDto(r: RuleRun, v: VersionFacts): RunWithPlanDto {
  return { ...toRunDto(r, v), dsl: v.dsl, plan: r.plan ? (JSON.parse(r.plan) as RunPlanDto) : null };
}
