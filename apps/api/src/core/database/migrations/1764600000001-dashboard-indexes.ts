import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

const INDEXES: [table: string, index: TableIndex][] = [
  // GET /api/dashboard/days/{day}: one day of every rule.
  [
    'dashboard_rule_days',
    new TableIndex({ name: 'ix_dash_rule_days_day', columnNames: ['day', 'dataset_id'] }),
  ],
  // The last 24 h of runs by status, read from the index alone.
  ['rule_runs', new TableIndex({ name: 'ix_rule_runs_queued_status', columnNames: ['queued_at', 'status'] })],
  // The heatmap: incidents opened per dataset, day and severity, read from the index alone.
  [
    'incidents',
    new TableIndex({
      name: 'ix_incidents_opened_dataset',
      columnNames: ['opened_at', 'dataset_id', 'severity'],
    }),
  ],
];

/** Indexes for the dashboard's reads, measured by `npm run bench:dashboard` (issue 7). */
export class DashboardIndexes1764600000001 implements MigrationInterface {
  name = 'DashboardIndexes1764600000001';

  async up(qr: QueryRunner): Promise<void> {
    for (const [table, index] of INDEXES) await qr.createIndex(table, index);
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const [table, index] of INDEXES) await qr.dropIndex(table, index.name as string);
  }
}
