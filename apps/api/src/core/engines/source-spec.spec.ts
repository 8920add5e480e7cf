import { mapMysqlType, mapPostgresType, mapSqliteType } from './source-spec';

describe('native type mapping', () => {
  it('maps PostgreSQL types; text columns follow the reading rules; others are unsupported', () => {
    expect(mapPostgresType('bigint')).toMatchObject({ type: 'integer', storage: 'native' });
    expect(mapPostgresType('numeric')).toMatchObject({ type: 'decimal', storage: 'native' });
    expect(mapPostgresType('timestamp with time zone')).toMatchObject({
      type: 'timestamp',
      storage: 'native',
    });
    expect(mapPostgresType('date')).toMatchObject({ type: 'date', storage: 'native' });
    expect(mapPostgresType('boolean')).toMatchObject({ type: 'boolean', storage: 'native' });
    expect(mapPostgresType('character varying')).toMatchObject({ type: 'string', storage: 'text' });
    expect(mapPostgresType('jsonb')).toMatchObject({ unsupported: true });
    expect(mapPostgresType('uuid')).toMatchObject({ unsupported: true });
  });

  it('maps MySQL/MariaDB types, tinyint(1) as boolean', () => {
    expect(mapMysqlType('tinyint', 'tinyint(1)')).toMatchObject({ type: 'boolean' });
    expect(mapMysqlType('tinyint', 'tinyint(4)')).toMatchObject({ type: 'integer' });
    expect(mapMysqlType('decimal', 'decimal(10,2)')).toMatchObject({
      type: 'decimal',
      nativeType: 'decimal(10,2)',
    });
    expect(mapMysqlType('datetime', 'datetime')).toMatchObject({ type: 'timestamp' });
    expect(mapMysqlType('enum', "enum('a','b')")).toMatchObject({ type: 'string', storage: 'text' });
    expect(mapMysqlType('blob', 'blob')).toMatchObject({ unsupported: true });
  });

  it('maps SQLite declared types by affinity', () => {
    expect(mapSqliteType('INTEGER')).toMatchObject({ type: 'integer' });
    expect(mapSqliteType('DATETIME')).toMatchObject({ type: 'timestamp' });
    expect(mapSqliteType('DATE')).toMatchObject({ type: 'date' });
    expect(mapSqliteType('DOUBLE PRECISION')).toMatchObject({ type: 'decimal' });
    expect(mapSqliteType('')).toMatchObject({ type: 'string', storage: 'text' });
    expect(mapSqliteType('BLOB')).toMatchObject({ unsupported: true });
  });
});
