import {
  MigrationInterface,
  QueryRunner,
  Table,
  TableColumnOptions,
  TableForeignKey,
  TableIndex,
} from 'typeorm';
import { idColumn, isPostgres, timestampColumn, uuidRefColumn, varcharColumn } from '../columns';

const text = (name: string, nullable = false): TableColumnOptions => ({
  name,
  type: 'text',
  isNullable: nullable,
});
const int = (name: string, nullable = false): TableColumnOptions => ({
  name,
  type: 'integer',
  isNullable: nullable,
});
const serial = (): TableColumnOptions => ({
  name: 'id',
  type: 'integer',
  isPrimary: true,
  isGenerated: true,
  generationStrategy: 'increment',
});

/** DESIGN §7 defaults: HIGH 1h/24h, MEDIUM 4h/72h, LOW 24h/7d. */
const DEFAULT_SLA: [string, number, number][] = [
  ['HIGH', 60, 24 * 60],
  ['MEDIUM', 4 * 60, 72 * 60],
  ['LOW', 24 * 60, 7 * 24 * 60],
];

/**
 * Incidents, their timeline, the run outcomes they were built from, SLA policies, notification
 * channels, deliveries and attempts (issue 6). Rules and datasets are referenced by id without a
 * foreign key, like runs: an incident outlives a deleted rule.
 */
export class Incidents1764400000000 implements MigrationInterface {
  name = 'Incidents1764400000000';

  async up(qr: QueryRunner): Promise<void> {
    const ts = (name: string, nullable = false) => timestampColumn(qr, name, nullable);
    await qr.createTable(
      new Table({
        name: 'incidents',
        columns: [
          idColumn(),
          uuidRefColumn('rule_id'),
          uuidRefColumn('dataset_id'),
          varcharColumn('rule_name', 200),
          varcharColumn('severity', 10),
          int('severity_rank'),
          varcharColumn('status', 12),
          varcharColumn('title', 300),
          int('occurrences'),
          uuidRefColumn('assignee_id', true),
          uuidRefColumn('first_run_id', true),
          uuidRefColumn('last_run_id', true),
          uuidRefColumn('last_evidence_run_id', true),
          ts('opened_at'),
          ts('last_occurrence_at'),
          ts('acknowledged_at', true),
          uuidRefColumn('acknowledged_by', true),
          ts('muted_at', true),
          uuidRefColumn('muted_by', true),
          ts('muted_until', true),
          ts('resolved_at', true),
          uuidRefColumn('resolved_by', true),
          varcharColumn('resolution_reason', 20, true),
          text('resolution_note', true),
          ts('sla_ack_due_at', true),
          ts('sla_resolve_due_at', true),
          ts('sla_ack_breached_at', true),
          ts('sla_resolve_breached_at', true),
          ts('sla_breached_at', true),
          ts('sla_next_due_at', true),
          { name: 'flapping', type: 'boolean', default: false },
          { name: 'notify_seq', type: 'integer', default: 0 },
          ts('updated_at'),
        ],
        indices: [
          new TableIndex({ name: 'ix_incidents_rule', columnNames: ['rule_id'] }),
          new TableIndex({ name: 'ix_incidents_status', columnNames: ['status'] }),
          new TableIndex({ name: 'ix_incidents_dataset', columnNames: ['dataset_id'] }),
          new TableIndex({ name: 'ix_incidents_assignee', columnNames: ['assignee_id'] }),
          new TableIndex({ name: 'ix_incidents_opened', columnNames: ['opened_at'] }),
          new TableIndex({ name: 'ix_incidents_next_due', columnNames: ['sla_next_due_at'] }),
          new TableIndex({ name: 'ix_incidents_muted_until', columnNames: ['muted_until'] }),
        ],
      }),
    );
    // The dedup guarantee: one active (OPEN/ACKNOWLEDGED/MUTED) incident per rule. Partial unique
    // indexes exist on both SQLite and PostgreSQL with this exact syntax.
    await qr.query(
      `CREATE UNIQUE INDEX "uq_incidents_active_rule" ON "incidents" ("rule_id") WHERE "status" IN ('OPEN', 'ACKNOWLEDGED', 'MUTED')`,
    );

    await qr.createTable(
      new Table({
        name: 'incident_events',
        columns: [
          serial(),
          uuidRefColumn('incident_id'),
          varcharColumn('type', 20),
          ts('at'),
          varcharColumn('actor_type', 10),
          uuidRefColumn('actor_id', true),
          varcharColumn('actor_label', 320),
          varcharColumn('from_status', 12, true),
          varcharColumn('to_status', 12, true),
          uuidRefColumn('run_id', true),
          text('body', true),
          text('data', true),
        ],
        indices: [
          new TableIndex({ name: 'ix_incident_events_incident', columnNames: ['incident_id', 'id'] }),
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'fk_incident_events_incident',
            columnNames: ['incident_id'],
            referencedTableName: 'incidents',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );

    await qr.createTable(
      new Table({
        name: 'incident_run_outcomes',
        columns: [
          { ...uuidRefColumn('run_id'), isPrimary: true },
          uuidRefColumn('rule_id'),
          varcharColumn('status', 10),
          ts('finished_at'),
          uuidRefColumn('incident_id', true),
          ts('handled_at'),
        ],
        indices: [new TableIndex({ name: 'ix_run_outcomes_rule', columnNames: ['rule_id', 'finished_at'] })],
      }),
    );

    await qr.createTable(
      new Table({
        name: 'sla_policies',
        columns: [
          { ...varcharColumn('severity', 10), isPrimary: true },
          int('ack_minutes'),
          int('resolve_minutes'),
          ts('updated_at', true),
          uuidRefColumn('updated_by', true),
        ],
      }),
    );
    const p = (i: number) => (isPostgres(qr) ? `$${i}` : '?');
    for (const [severity, ack, resolve] of DEFAULT_SLA) {
      await qr.query(
        `INSERT INTO "sla_policies" ("severity", "ack_minutes", "resolve_minutes") VALUES (${p(1)}, ${p(2)}, ${p(3)})`,
        [severity, ack, resolve],
      );
    }

    await qr.createTable(
      new Table({
        name: 'notification_channels',
        columns: [
          idColumn(),
          varcharColumn('name', 200),
          varcharColumn('type', 10),
          { name: 'enabled', type: 'boolean', default: true },
          text('events'),
          varcharColumn('min_severity', 10),
          text('url_display', true),
          text('url_enc', true),
          text('secret_enc', true),
          text('email', true),
          uuidRefColumn('created_by', true),
          ts('created_at'),
          ts('updated_at'),
        ],
      }),
    );

    await qr.createTable(
      new Table({
        name: 'notification_deliveries',
        columns: [
          idColumn(),
          uuidRefColumn('channel_id'),
          uuidRefColumn('incident_id', true),
          varcharColumn('event', 20),
          varcharColumn('key', 200),
          varcharColumn('status', 10),
          int('attempts'),
          text('payload'),
          ts('claimed_at', true),
          ts('created_at'),
          ts('updated_at'),
          ts('sent_at', true),
        ],
        indices: [
          new TableIndex({ name: 'uq_deliveries_key', columnNames: ['channel_id', 'key'], isUnique: true }),
          new TableIndex({ name: 'ix_deliveries_channel', columnNames: ['channel_id', 'created_at'] }),
          new TableIndex({ name: 'ix_deliveries_status', columnNames: ['status', 'updated_at'] }),
          new TableIndex({ name: 'ix_deliveries_incident', columnNames: ['incident_id'] }),
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'fk_deliveries_channel',
            columnNames: ['channel_id'],
            referencedTableName: 'notification_channels',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );

    await qr.createTable(
      new Table({
        name: 'notification_attempts',
        columns: [
          serial(),
          uuidRefColumn('delivery_id'),
          int('attempt'),
          ts('at'),
          { name: 'ok', type: 'boolean' },
          int('status_code', true),
          text('error', true),
          int('duration_ms'),
        ],
        indices: [
          new TableIndex({
            name: 'uq_attempts_delivery',
            columnNames: ['delivery_id', 'attempt'],
            isUnique: true,
          }),
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'fk_attempts_delivery',
            columnNames: ['delivery_id'],
            referencedTableName: 'notification_deliveries',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const t of [
      'notification_attempts',
      'notification_deliveries',
      'notification_channels',
      'sla_policies',
      'incident_run_outcomes',
      'incident_events',
      'incidents',
    ]) {
      await qr.dropTable(t);
    }
  }
}
