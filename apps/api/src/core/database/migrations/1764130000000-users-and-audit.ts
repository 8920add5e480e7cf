import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { idColumn, timestampColumn, uuidRefColumn, varcharColumn } from '../columns';

export class UsersAndAudit1764130000000 implements MigrationInterface {
  name = 'UsersAndAudit1764130000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(
      new Table({
        name: 'users',
        columns: [
          idColumn(),
          varcharColumn('email', 320),
          varcharColumn('display_name', 200),
          varcharColumn('role', 20),
          varcharColumn('password_hash', 255),
          { name: 'active', type: 'boolean', default: true },
          { name: 'failed_login_count', type: 'integer', default: 0 },
          timestampColumn(qr, 'locked_until', true),
          timestampColumn(qr, 'last_login_at', true),
          timestampColumn(qr, 'password_changed_at'),
          timestampColumn(qr, 'created_at'),
          timestampColumn(qr, 'updated_at'),
        ],
        indices: [new TableIndex({ name: 'uq_users_email', columnNames: ['email'], isUnique: true })],
      }),
    );

    await qr.createTable(
      new Table({
        name: 'sessions',
        columns: [
          idColumn(),
          varcharColumn('token_hash', 64),
          uuidRefColumn('user_id'),
          varcharColumn('csrf_token', 64),
          timestampColumn(qr, 'created_at'),
          timestampColumn(qr, 'last_seen_at'),
          timestampColumn(qr, 'expires_at'),
          varcharColumn('ip', 64, true),
          varcharColumn('user_agent', 300, true),
        ],
        indices: [
          new TableIndex({ name: 'uq_sessions_token_hash', columnNames: ['token_hash'], isUnique: true }),
          new TableIndex({ name: 'ix_sessions_user', columnNames: ['user_id'] }),
          new TableIndex({ name: 'ix_sessions_expires', columnNames: ['expires_at'] }),
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'fk_sessions_user',
            columnNames: ['user_id'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );

    await qr.createTable(
      new Table({
        name: 'api_tokens',
        columns: [
          idColumn(),
          uuidRefColumn('user_id'),
          varcharColumn('name', 100),
          varcharColumn('prefix', 16),
          varcharColumn('token_hash', 64),
          timestampColumn(qr, 'created_at'),
          timestampColumn(qr, 'expires_at', true),
          timestampColumn(qr, 'last_used_at', true),
          timestampColumn(qr, 'revoked_at', true),
        ],
        indices: [
          new TableIndex({ name: 'uq_api_tokens_hash', columnNames: ['token_hash'], isUnique: true }),
          new TableIndex({ name: 'ix_api_tokens_user', columnNames: ['user_id'] }),
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'fk_api_tokens_user',
            columnNames: ['user_id'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );

    await qr.createTable(
      new Table({
        name: 'audit_entries',
        columns: [
          // integer on both: SQLite needs exactly "integer" for its rowid alias, and node-pg would
          // return a bigint as a string.
          {
            name: 'id',
            type: 'integer',
            isPrimary: true,
            isGenerated: true,
            generationStrategy: 'increment',
          },
          timestampColumn(qr, 'at'),
          varcharColumn('actor_type', 16),
          varcharColumn('actor_id', 36, true),
          varcharColumn('actor_label', 320, true),
          varcharColumn('action', 100),
          varcharColumn('entity_type', 50, true),
          varcharColumn('entity_id', 100, true),
          { name: 'summary', type: 'text' },
          { name: 'changes', type: 'text', isNullable: true },
          varcharColumn('ip', 64, true),
          varcharColumn('request_id', 128, true),
          varcharColumn('prev_hash', 64),
          varcharColumn('hash', 64),
        ],
        indices: [
          new TableIndex({ name: 'ix_audit_at', columnNames: ['at'] }),
          new TableIndex({ name: 'ix_audit_action', columnNames: ['action'] }),
          new TableIndex({ name: 'ix_audit_actor', columnNames: ['actor_id'] }),
          new TableIndex({ name: 'ix_audit_entity', columnNames: ['entity_type', 'entity_id'] }),
        ],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('audit_entries');
    await qr.dropTable('api_tokens');
    await qr.dropTable('sessions');
    await qr.dropTable('users');
  }
}
