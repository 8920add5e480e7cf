import { Column } from 'typeorm';

/**
 * A point in time. `type: Date` (not 'timestamptz'/'datetime') lets each driver convert values its own
 * way while the migrations create timestamptz on PostgreSQL and UTC datetime text on SQLite.
 */
export function TimestampColumn(name: string, options: { nullable?: boolean } = {}): PropertyDecorator {
  return Column({ name, type: Date, nullable: options.nullable ?? false });
}
