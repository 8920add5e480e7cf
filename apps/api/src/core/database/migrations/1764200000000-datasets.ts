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
const cascade = (name: string, column: string, table: string): TableForeignKey =>
  new TableForeignKey({
    name,
    columnNames: [column],
    referencedTableName: table,
    referencedColumnNames: ['id'],
    onDelete: 'CASCADE',
  });

/**
 * Datasets (CSV uploads and database tables), their versions, profiles, recommendations, and
 * connections to external databases (issue 4). JSON values are text on both databases.
 */
export class Datasets1764200000000 implements MigrationInterface {
  name = 'Datasets1764200000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(
      new Table({
        name: 'connections',
        columns: [
          idColumn(),
          varcharColumn('name', 200),
          varcharColumn('name_key', 200),
          varcharColumn('kind', 10),
          text('display'),
          text('secret'),
          uuidRefColumn('created_by', true),
          timestampColumn(qr, 'created_at'),
          timestampColumn(qr, 'updated_at'),
        ],
        indices: [new TableIndex({ name: 'uq_connections_name', columnNames: ['name_key'], isUnique: true })],
      }),
    );

    await qr.createTable(
      new Table({
        name: 'datasets',
        columns: [
          idColumn(),
          varcharColumn('name', 200),
          varcharColumn('name_key', 200),
          text('description', true),
          varcharColumn('source_type', 10),
          { name: 'sensitive', type: 'boolean', default: false },
          uuidRefColumn('connection_id', true),
          varcharColumn('table_schema', 200, true),
          varcharColumn('table_name', 300, true),
          text('column_overrides'),
          text('null_markers'),
          text('csv_options'),
          text('key_columns'),
          uuidRefColumn('owner_id', true),
          uuidRefColumn('current_version_id', true),
          { name: 'quality_score', type: 'double precision', isNullable: true },
          timestampColumn(qr, 'created_at'),
          timestampColumn(qr, 'updated_at'),
        ],
        indices: [
          new TableIndex({ name: 'uq_datasets_name', columnNames: ['name_key'], isUnique: true }),
          new TableIndex({ name: 'ix_datasets_connection', columnNames: ['connection_id'] }),
          new TableIndex({ name: 'ix_datasets_updated', columnNames: ['updated_at'] }),
        ],
        // A connection in use can't be deleted (the service answers 409 first; this is the backstop).
        foreignKeys: [
          new TableForeignKey({
            name: 'fk_datasets_connection',
            columnNames: ['connection_id'],
            referencedTableName: 'connections',
            referencedColumnNames: ['id'],
          }),
        ],
      }),
    );

    await qr.createTable(
      new Table({
        name: 'dataset_versions',
        columns: [
          idColumn(),
          uuidRefColumn('dataset_id'),
          { name: 'number', type: 'integer' },
          varcharColumn('sha256', 64, true),
          { name: 'size_bytes', type: 'bigint', isNullable: true },
          varcharColumn('storage_path', 500, true),
          varcharColumn('file_name', 255, true),
          { name: 'encrypted', type: 'boolean', default: false },
          { name: 'row_count', type: 'bigint', isNullable: true },
          text('columns'),
          text('format', true),
          text('malformed_rows'),
          text('drift', true),
          varcharColumn('status', 12),
          text('error', true),
          uuidRefColumn('created_by', true),
          timestampColumn(qr, 'created_at'),
          timestampColumn(qr, 'profiled_at', true),
        ],
        indices: [
          new TableIndex({
            name: 'uq_dataset_versions_number',
            columnNames: ['dataset_id', 'number'],
            isUnique: true,
          }),
          // NULLs (table snapshots) are distinct on both databases.
          new TableIndex({
            name: 'uq_dataset_versions_sha',
            columnNames: ['dataset_id', 'sha256'],
            isUnique: true,
          }),
        ],
        foreignKeys: [cascade('fk_dataset_versions_dataset', 'dataset_id', 'datasets')],
      }),
    );

    await qr.createTable(
      new Table({
        name: 'dataset_profiles',
        columns: [
          idColumn(),
          uuidRefColumn('dataset_id'),
          uuidRefColumn('version_id'),
          text('profile'),
          timestampColumn(qr, 'created_at'),
        ],
        indices: [
          new TableIndex({
            name: 'uq_dataset_profiles_version',
            columnNames: ['version_id'],
            isUnique: true,
          }),
          new TableIndex({ name: 'ix_dataset_profiles_dataset', columnNames: ['dataset_id', 'created_at'] }),
        ],
        foreignKeys: [
          cascade('fk_dataset_profiles_dataset', 'dataset_id', 'datasets'),
          cascade('fk_dataset_profiles_version', 'version_id', 'dataset_versions'),
        ],
      }),
    );

    await qr.createTable(
      new Table({
        name: 'dataset_recommendations',
        columns: [
          idColumn(),
          uuidRefColumn('dataset_id'),
          uuidRefColumn('version_id'),
          varcharColumn('column_name', 300, true),
          varcharColumn('type', 30),
          varcharColumn('fingerprint', 700),
          text('dsl'),
          text('rationale'),
          { name: 'confidence', type: 'double precision' },
          varcharColumn('status', 10),
          text('evidence'),
          text('accepted_dsl', true),
          uuidRefColumn('rule_id', true),
          uuidRefColumn('decided_by', true),
          timestampColumn(qr, 'decided_at', true),
          timestampColumn(qr, 'created_at'),
          timestampColumn(qr, 'updated_at'),
        ],
        indices: [
          new TableIndex({
            name: 'uq_dataset_recommendations_fp',
            columnNames: ['dataset_id', 'fingerprint'],
            isUnique: true,
          }),
          new TableIndex({
            name: 'ix_dataset_recommendations_status',
            columnNames: ['dataset_id', 'status'],
          }),
        ],
        foreignKeys: [cascade('fk_dataset_recommendations_dataset', 'dataset_id', 'datasets')],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('dataset_recommendations');
    await qr.dropTable('dataset_profiles');
    await qr.dropTable('dataset_versions');
    await qr.dropTable('datasets');
    await qr.dropTable('connections');
  }
}
