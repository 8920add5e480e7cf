import type { RuleDetailDto, RuleVersionDto } from '@dqw/shared-types';
import type { RuleVersion } from './rule-version.entity';
import type { Rule } from './rule.entity';

export function toRuleDto(r: Rule): RuleDetailDto {
  return {
    id: r.id,
    datasetId: r.datasetId,
    name: r.name,
    description: r.description,
    dsl: r.dsl,
    type: r.type,
    severity: r.severity,
    active: r.active,
    schedule: r.schedule,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    ownerId: r.ownerId,
    version: r.version,
    versionId: r.versionId,
  };
}

export function toRuleVersionDto(v: RuleVersion): RuleVersionDto {
  return {
    id: v.id,
    ruleId: v.ruleId,
    version: v.version,
    name: v.name,
    description: v.description,
    dsl: v.dsl,
    type: v.type,
    severity: v.severity,
    active: v.active,
    schedule: v.schedule,
    createdAt: v.createdAt.toISOString(),
    createdBy: v.createdBy,
  };
}
