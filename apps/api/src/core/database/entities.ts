import { AuditEntry } from '../../modules/audit/audit-entry.entity';
import { DATASET_ENTITIES } from '../../modules/datasets/entities';
import { INCIDENT_ENTITIES } from '../../modules/incidents/entities';
import { ApiToken } from '../../modules/users/api-token.entity';
import { Session } from '../../modules/users/session.entity';
import { User } from '../../modules/users/user.entity';
import { IdempotencyKey } from '../../modules/rules/idempotency-key.entity';
import { RuleVersion } from '../../modules/rules/rule-version.entity';
import { Rule } from '../../modules/rules/rule.entity';
import { RuleRun } from '../../modules/rules/runs/rule-run.entity';

/**
 * Every entity of the app. Listed explicitly because the API is bundled by webpack (no globbing);
 * the standalone data source (migrations CLI) and the Nest module both read this list.
 */
export const ENTITIES = [
  User,
  Session,
  ApiToken,
  AuditEntry,
  ...DATASET_ENTITIES,
  Rule,
  RuleVersion,
  RuleRun,
  IdempotencyKey,
  ...INCIDENT_ENTITIES,
];
