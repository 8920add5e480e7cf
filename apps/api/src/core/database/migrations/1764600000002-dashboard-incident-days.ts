import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { uuidRefColumn, varcharColumn } from '../columns';

/**
 * Incidents opened per day, dataset and severity, for the heatmap (issue 7): filled on first read for
 * days that are over (an incident's opening time never changes), so a year of heatmap does not count a
 * year of incidents on every request. `dashboard_incident_days_done` lists the days filled.
 */
export class DashboardIncidentDays1764600000002 implements MigrationInterface {
  name = 'DashboardIncidentDays1764600000002';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(
      new Table({
        name: 'dashboard_incident_days',
        columns: [
          { ...varcharColumn('day', 10), isPrimary: true },
          { ...uuidRefColumn('dataset_id'), isPrimary: true },
          { ...varcharColumn('severity', 10), isPrimary: true },
          { name: 'opened', type: 'integer', default: 0 },
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'dashboard_incident_days_done',
        columns: [{ ...varcharColumn('day', 10), isPrimary: true }],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('dashboard_incident_days_done');
    await qr.dropTable('dashboard_incident_days');
  }
}
