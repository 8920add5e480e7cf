import {
  MigrationInterface,
  QueryRunner,
  Table,
  TableColumnOptions,
  TableForeignKey,
  TableIndex,
} from 'typeorm';
import { idColumn, timestampColumn, uuidRefColumn, varcharColumn } from '../columns';

const text = (name: string, nullable = false): TableColumnOptions => ({
  name,
  type: 'text',
  isNullable: nullable,
});

/**
 * Rules, their history, runs and Idempotency-Key records (issue 5). Datasets are referenced by id
 * without a foreign key: a deleted dataset must not take its run history with it.
 */
export class RulesAndRuns1764300000000 implements MigrationInterface {
  name = 'RulesAndRuns1764300000000';

  async up(qr: QueryRunner): Promise<void> {
    const ruleContent = (): TableColumnOptions[] => [
      varcharColumn('name', 200),
      text('description', true),
      text('dsl'),
      varcharColumn('type', 30),
      varcharColumn('severity', 10),
      { name: 'active', type: 'boolean', default: true },
      varcharColumn('schedule', 100, true),
    ];

    await qr.createTable(
      new Table({
        name: 'rules',
        columns: [
          idColumn(),
          uuidRefColumn('dataset_id'),
          ...ruleContent(),
          uuidRefColumn('owner_id', true),
          { name: 'version', type: 'integer' },
          uuidRefColumn('version_id'),
          timestampColumn(qr, 'created_at'),
          timestampColumn(qr, 'updated_at'),
          timestampColumn(qr, 'deleted_at', true),
        ],
        indices: [
          new TableIndex({ name: 'ix_rules_dataset', columnNames: ['dataset_id'] }),
          new TableIndex({ name: 'ix_rules_created', columnNames: ['created_at'] }),
        ],
      }),
    );

    await qr.createTable(
      new Table({
        name: 'rule_versions',
        columns: [
          idColumn(),
          uuidRefColumn('rule_id'),
          { name: 'version', type: 'integer' },
          ...ruleContent(),
          timestampColumn(qr, 'created_at'),
          uuidRefColumn('created_by', true),
        ],
        indices: [
          new TableIndex({ name: 'uq_rule_versions', columnNames: ['rule_id', 'version'], isUnique: true }),
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'fk_rule_versions_rule',
            columnNames: ['rule_id'],
            referencedTableName: 'rules',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );

    await qr.createTable(
      new Table({
        name: 'rule_runs',
        columns: [
          idColumn(),
          uuidRefColumn('rule_id'),
          uuidRefColumn('rule_version_id'),
          uuidRefColumn('dataset_id'),
          uuidRefColumn('dataset_version_id', true),
          varcharColumn('status', 10),
          varcharColumn('trigger', 20),
          varcharColumn('trigger_key', 200),
          // rule version | dataset version | trigger key: one run per triple, whatever retries happen.
          varcharColumn('run_key', 300),
          // The job that checks this run together with the other rules of the dataset version.
          varcharColumn('batch_key', 300),
          { name: 'rows_checked', type: 'bigint', isNullable: true },
          { name: 'failed_count', type: 'bigint', isNullable: true },
          { name: 'pass_rate', type: 'double precision', isNullable: true },
          varcharColumn('verdict', 10, true),
          text('error', true),
          { name: 'attempts', type: 'integer', default: 0 },
          timestampColumn(qr, 'queued_at'),
          timestampColumn(qr, 'started_at', true),
          timestampColumn(qr, 'finished_at', true),
          { name: 'duration_ms', type: 'integer', isNullable: true },
          text('plan', true),
          varcharColumn('evidence_file', 300, true),
          { name: 'evidence_rows', type: 'integer', default: 0 },
          timestampColumn(qr, 'evidence_pruned_at', true),
          timestampColumn(qr, 'outcome_handled_at', true),
          uuidRefColumn('requested_by', true),
        ],
        indices: [
          new TableIndex({ name: 'uq_rule_runs_key', columnNames: ['run_key'], isUnique: true }),
          new TableIndex({ name: 'ix_rule_runs_batch', columnNames: ['batch_key'] }),
          new TableIndex({ name: 'ix_rule_runs_queued', columnNames: ['queued_at'] }),
          new TableIndex({ name: 'ix_rule_runs_rule', columnNames: ['rule_id', 'queued_at'] }),
          new TableIndex({ name: 'ix_rule_runs_dataset', columnNames: ['dataset_id', 'queued_at'] }),
          new TableIndex({ name: 'ix_rule_runs_status', columnNames: ['status'] }),
          new TableIndex({ name: 'ix_rule_runs_finished', columnNames: ['finished_at'] }),
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'fk_rule_runs_rule',
            columnNames: ['rule_id'],
            referencedTableName: 'rules',
            referencedColumnNames: ['id'],
          }),
          new TableForeignKey({
            name: 'fk_rule_runs_version',
            columnNames: ['rule_version_id'],
            referencedTableName: 'rule_versions',
            referencedColumnNames: ['id'],
          }),
        ],
      }),
    );

    await qr.createTable(
      new Table({
        name: 'idempotency_keys',
        columns: [
          idColumn(),
          varcharColumn('scope', 50),
          uuidRefColumn('user_id'),
          varcharColumn('idempotency_key', 255),
          varcharColumn('request_hash', 64),
          { name: 'status_code', type: 'integer', isNullable: true },
          text('response', true),
          timestampColumn(qr, 'created_at'),
          timestampColumn(qr, 'completed_at', true),
        ],
        indices: [
          new TableIndex({
            name: 'uq_idempotency_keys',
            columnNames: ['scope', 'user_id', 'idempotency_key'],
            isUnique: true,
          }),
          new TableIndex({ name: 'ix_idempotency_created', columnNames: ['created_at'] }),
        ],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('idempotency_keys');
    await qr.dropTable('rule_runs');
    await qr.dropTable('rule_versions');
    await qr.dropTable('rules');
  }
}
