import {
  EvidenceDto,
  EvidenceRowDto,
  LatestRunsDto,
  Paged,
  PreviewRuleResponse,
  RULE_TYPES,
  RUN_STATUSES,
  RuleDetailDto,
  RuleType,
  RuleVersionDto,
  RunDetailDto,
  RunPlanDto,
  RunRulesResponse,
  RunStatus,
  RunTrigger,
  RunVerdict,
  RunWithPlanDto,
  SEVERITIES,
  Severity,
  TextPosition,
  ValidateRuleResponse,
} from '@dqw/shared-types';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export const RUN_TRIGGERS: readonly RunTrigger[] = ['manual', 'api', 'upload', 'schedule'];
export const RUN_VERDICTS: readonly RunVerdict[] = ['PASSED', 'FAILED', 'ERROR'];

export class RuleResponse implements RuleDetailDto {
  @ApiProperty({ description: 'Rule id (UUID)' }) id!: string;
  @ApiProperty({ description: 'Dataset the rule checks' }) datasetId!: string;
  @ApiProperty({ description: 'Name' }) name!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Description' }) description!: string | null;
  @ApiProperty({ description: 'Rule text (DSL)' }) dsl!: string;
  @ApiProperty({ enum: RULE_TYPES, description: 'Derived from the DSL' }) type!: RuleType;
  @ApiProperty({ enum: SEVERITIES, description: 'Severity of its incidents' }) severity!: Severity;
  @ApiProperty({ description: 'Run on upload and on schedule' }) active!: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'Cron schedule (UTC) or null' })
  schedule!: string | null;
  @ApiProperty({ description: 'Created at (ISO 8601)' }) createdAt!: string;
  @ApiProperty({ description: 'Last changed at (ISO 8601)' }) updatedAt!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Creator; default incident assignee' })
  ownerId!: string | null;
  @ApiProperty({ description: 'Current version number (1 on creation)' }) version!: number;
  @ApiProperty({ description: 'Current RuleVersion id' }) versionId!: string;
}

export class RulePage implements Paged<RuleDetailDto> {
  @ApiProperty({ type: [RuleResponse], description: 'Rules, newest first' }) items!: RuleResponse[];
  @ApiProperty({ description: 'Rules matching the filters' }) total!: number;
  @ApiProperty({ description: 'Page number' }) page!: number;
  @ApiProperty({ description: 'Page size' }) pageSize!: number;
}

export class RuleVersionResponse implements RuleVersionDto {
  @ApiProperty({ description: 'Version id' }) id!: string;
  @ApiProperty({ description: 'Rule id' }) ruleId!: string;
  @ApiProperty({ description: 'Version number, from 1' }) version!: number;
  @ApiProperty({ description: 'Name in this version' }) name!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Description' }) description!: string | null;
  @ApiProperty({ description: 'Rule text' }) dsl!: string;
  @ApiProperty({ enum: RULE_TYPES, description: 'Rule type' }) type!: RuleType;
  @ApiProperty({ enum: SEVERITIES, description: 'Severity' }) severity!: Severity;
  @ApiProperty({ description: 'Active' }) active!: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'Schedule' }) schedule!: string | null;
  @ApiProperty({ description: 'When this version was made' }) createdAt!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Who made it' }) createdBy!: string | null;
}

export class RuleVersionPage implements Paged<RuleVersionDto> {
  @ApiProperty({ type: [RuleVersionResponse], description: 'Versions, newest first' })
  items!: RuleVersionResponse[];
  @ApiProperty({ description: 'Versions of the rule' }) total!: number;
  @ApiProperty({ description: 'Page number' }) page!: number;
  @ApiProperty({ description: 'Page size' }) pageSize!: number;
}

export class DslErrorResponse implements TextPosition {
  @ApiProperty({ description: 'Line (from 1)' }) line!: number;
  @ApiProperty({ description: 'Column (from 1)' }) column!: number;
  @ApiProperty({ description: 'Characters to underline (at least 1)' }) length!: number;
  @ApiProperty({ description: 'What is wrong' }) message!: string;
}

export class ValidateRuleResult implements ValidateRuleResponse {
  @ApiProperty({ description: 'True when the rule parses (and fits the dataset, when given)' })
  valid!: boolean;
  @ApiProperty({ type: [DslErrorResponse], description: 'Problems with their positions' })
  errors!: DslErrorResponse[];
  @ApiProperty({ enum: RULE_TYPES, nullable: true, description: 'Rule type when it parses' })
  type!: RuleType | null;
  @ApiProperty({ nullable: true, type: String, description: 'Canonical form when valid' })
  canonical!: string | null;
  @ApiProperty({ type: [String], description: 'Columns the rule reads' }) columns!: string[];
}

export class EvidenceRowResponse implements EvidenceRowDto {
  @ApiProperty({ nullable: true, type: Number, description: 'Data row number in the file (from 1)' })
  rowNumber!: number | null;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Key column values' })
  key?: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Values of the row by column' })
  values!: Record<string, unknown>;
}

export class PreviewRuleResult implements PreviewRuleResponse {
  @ApiProperty({ description: 'Dataset' }) datasetId!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Version sampled' }) datasetVersionId!:
    string | null;
  @ApiProperty({ enum: RULE_TYPES, description: 'Rule type' }) type!: RuleType;
  @ApiProperty({ description: 'Rows of the sample evaluated' }) sampleRows!: number;
  @ApiProperty({ enum: ['passed', 'failed', 'error'], description: 'Would-be status on the sample' })
  status!: 'passed' | 'failed' | 'error';
  @ApiProperty({ description: 'Rows in scope' }) rowsChecked!: number;
  @ApiProperty({ description: 'Failing rows' }) failedCount!: number;
  @ApiProperty({ description: 'Share of passing rows, 0–1' }) passRate!: number;
  @ApiProperty({ nullable: true, type: String, description: 'Why the rule could not run' }) error!:
    string | null;
  @ApiProperty({ type: [String], description: 'Columns of the rows' }) columns!: string[];
  @ApiProperty({ type: [EvidenceRowResponse], description: 'Failing rows (at most 100)' })
  failingRows!: EvidenceRowResponse[];
  @ApiProperty({ type: [String], description: 'Caveats of the preview' }) notes!: string[];
}

class RunBase implements RunDetailDto {
  @ApiProperty({ description: 'Run id (UUID)' }) id!: string;
  @ApiProperty({ description: 'Rule' }) ruleId!: string;
  @ApiProperty({ description: 'Dataset' }) datasetId!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Dataset version checked' })
  datasetVersionId!: string | null;
  @ApiProperty({ enum: RUN_STATUSES, description: 'queued → running → passed/failed/error' })
  status!: RunStatus;
  @ApiProperty({ enum: RUN_TRIGGERS, description: 'What started the run' }) trigger!: RunTrigger;
  @ApiProperty({ nullable: true, type: Number, description: 'Rows in scope' }) rowsChecked!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Failing rows' }) failedCount!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Share of passing rows, 0–1' }) passRate!:
    number | null;
  @ApiProperty({ nullable: true, type: String, description: 'Started at' }) startedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Finished at' }) finishedAt!: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Finished minus started, ms' }) durationMs!:
    number | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why the run ended in error' }) error!:
    string | null;
  @ApiProperty({ description: 'Rule version checked' }) ruleVersionId!: string;
  @ApiProperty({ description: 'Its version number' }) ruleVersion!: number;
  @ApiProperty({ description: 'Rule name in that version' }) ruleName!: string;
  @ApiProperty({ enum: RUN_VERDICTS, nullable: true, description: 'Verdict once finished' })
  verdict!: RunVerdict | null;
  @ApiProperty({ description: 'Tries made by the queue' }) attempts!: number;
  @ApiProperty({ description: 'Queued at' }) queuedAt!: string;
  @ApiProperty({ description: 'Failing rows kept as evidence' }) evidenceRows!: number;
  @ApiProperty({ description: 'False once the evidence was pruned, or when there is none' })
  evidenceAvailable!: boolean;
}

export class RunResponse extends RunBase {}

export class LatestRunsResponse implements LatestRunsDto {
  @ApiProperty({ type: [RunResponse], description: 'The newest run of each listed rule that ran' })
  items!: RunResponse[];
}

export class RunPage implements Paged<RunDetailDto> {
  @ApiProperty({ type: [RunResponse], description: 'Runs, newest first' }) items!: RunResponse[];
  @ApiProperty({ description: 'Runs matching the filters' }) total!: number;
  @ApiProperty({ description: 'Page number' }) page!: number;
  @ApiProperty({ description: 'Page size' }) pageSize!: number;
}

export class RunPlanResponse implements RunPlanDto {
  @ApiProperty({ description: 'Full passes over the data' }) scans!: number;
  @ApiProperty({ description: 'Bounded queries for failing rows' }) sampleQueries!: number;
  @ApiProperty({ description: 'Rows read' }) rowsScanned!: number;
  @ApiProperty({ type: [String], description: 'Statements run, in order' }) statements!: string[];
  @ApiProperty({ description: 'Runs checked in the same scan' }) batchSize!: number;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string', nullable: true },
    description: 'Dataset name → version a FOREIGN_KEY looked values up in',
  })
  foreignVersions?: Record<string, string | null>;
}

export class RunDetailResponse extends RunBase implements RunWithPlanDto {
  @ApiProperty({ description: 'Rule text of the version that ran' }) dsl!: string;
  @ApiProperty({ type: RunPlanResponse, nullable: true, description: 'Plan, once finished' })
  plan!: RunPlanResponse | null;
}

class QueuedRun {
  @ApiProperty({ description: 'Run id' }) id!: string;
  @ApiProperty({ description: 'Rule' }) ruleId!: string;
  @ApiProperty({ enum: RUN_STATUSES, description: 'queued (or later, when replayed)' }) status!: RunStatus;
}

export class RunRulesResult implements RunRulesResponse {
  @ApiProperty({ type: [QueuedRun], description: 'One run per rule' }) runs!: QueuedRun[];
}

export class EvidenceResponse implements EvidenceDto {
  @ApiProperty({ description: 'Run' }) runId!: string;
  @ApiProperty({ description: 'Rule' }) ruleId!: string;
  @ApiProperty({ description: 'Dataset' }) datasetId!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Dataset version' }) datasetVersionId!:
    string | null;
  @ApiProperty({ type: [String], description: 'Columns, in order' }) columns!: string[];
  @ApiProperty({ type: [String], description: 'Key columns of the dataset' }) keyColumns!: string[];
  @ApiProperty({ description: 'Failing rows in the whole run' }) failedCount!: number;
  @ApiProperty({ type: [EvidenceRowResponse], description: 'Failing rows kept' })
  rows!: EvidenceRowResponse[];
  @ApiProperty({ description: 'True when fewer rows are kept than failed' }) truncated!: boolean;
}
