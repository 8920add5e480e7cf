import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';
import { timestampColumn, uuidRefColumn, varcharColumn } from '../columns';

const int = (name: string): TableColumnOptions => ({ name, type: 'integer', default: 0 });
const num = (name: string, nullable = false): TableColumnOptions => ({
  name,
  type: 'double precision',
  isNullable: nullable,
  ...(nullable ? {} : { default: 0 }),
});
const key = (c: TableColumnOptions): TableColumnOptions => ({ ...c, isPrimary: true });

/** Frozen copy of the dimensions at the time of this migration (shared-types QUALITY_DIMENSIONS). */
const DIMENSIONS = ['completeness', 'uniqueness', 'validity', 'consistency', 'timeliness', 'volume'];

/**
 * The dashboard's read models (issue 7): daily aggregates of runs per rule, per dataset and per day,
 * and each rule's latest run. They are filled from the runs at start (the dashboard module backfills
 * when `dashboard_state` says the aggregates are not built yet) and kept current by a run-outcome hook.
 */
export class Dashboard1764600000000 implements MigrationInterface {
  name = 'Dashboard1764600000000';

  async up(qr: QueryRunner): Promise<void> {
    const ts = (name: string) => timestampColumn(qr, name);
    await qr.createTable(
      new Table({
        name: 'dashboard_rule_days',
        columns: [
          key(uuidRefColumn('rule_id')),
          key(varcharColumn('day', 10)),
          uuidRefColumn('dataset_id'),
          int('passed'),
          int('failed'),
          int('errored'),
          num('pass_rate_sum'),
          uuidRefColumn('last_run_id'),
          ts('last_queued_at'),
          varcharColumn('last_status', 10),
          num('last_pass_rate', true),
          num('last_share'),
          // Of the rule version the last run checked (a later edit does not rewrite history).
          varcharColumn('severity', 10),
          varcharColumn('type', 30),
          int('weight'),
          varcharColumn('dimension', 20),
          int('cum_passed'),
          int('cum_failed'),
          int('cum_errored'),
          num('cum_pass_rate_sum'),
        ],
        indices: [new TableIndex({ name: 'ix_dash_rule_days_dataset', columnNames: ['dataset_id', 'day'] })],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'dashboard_rule_latest',
        columns: [
          key(uuidRefColumn('rule_id')),
          uuidRefColumn('dataset_id'),
          varcharColumn('day', 10),
          uuidRefColumn('run_id'),
          ts('queued_at'),
          varcharColumn('status', 10),
          num('pass_rate', true),
          num('share'),
          int('total_passed'),
          int('total_failed'),
          int('total_errored'),
          num('total_pass_rate_sum'),
        ],
        indices: [new TableIndex({ name: 'ix_dash_rule_latest_dataset', columnNames: ['dataset_id'] })],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'dashboard_dataset_days',
        columns: [
          key(varcharColumn('day', 10)),
          key(uuidRefColumn('dataset_id')),
          int('passed'),
          int('failed'),
          int('errored'),
          int('rules'),
          int('weight'),
          num('weighted_pass'),
          ...DIMENSIONS.flatMap((d) => [int(`w_${d}`), num(`p_${d}`)]),
        ],
        indices: [
          new TableIndex({ name: 'ix_dash_dataset_days_dataset', columnNames: ['dataset_id', 'day'] }),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'dashboard_days',
        columns: [
          key(varcharColumn('day', 10)),
          int('passed'),
          int('failed'),
          int('errored'),
          int('datasets'),
          num('score_sum'),
          ...DIMENSIONS.flatMap((d) => [int(`n_${d}`), num(`s_${d}`)]),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'dashboard_state',
        columns: [
          key(varcharColumn('key', 50)),
          { name: 'value', type: 'text' },
          timestampColumn(qr, 'updated_at'),
        ],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const t of [
      'dashboard_state',
      'dashboard_days',
      'dashboard_dataset_days',
      'dashboard_rule_latest',
      'dashboard_rule_days',
    ]) {
      await qr.dropTable(t);
    }
  }
}
