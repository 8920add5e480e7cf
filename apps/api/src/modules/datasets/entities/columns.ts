import { Column, ValueTransformer } from 'typeorm';

/** JSON kept in a text column (portable across SQLite and PostgreSQL). */
export function JsonColumn(name: string, options: { nullable?: boolean } = {}): PropertyDecorator {
  const transformer: ValueTransformer = {
    to: (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v)),
    from: (v: unknown) => (typeof v === 'string' ? (JSON.parse(v) as unknown) : (v ?? null)),
  };
  return Column({ name, type: 'text', nullable: options.nullable ?? false, transformer });
}

/** bigint columns come back from node-pg as strings; counts here stay far below 2^53. */
export function CountColumn(name: string, options: { nullable?: boolean } = {}): PropertyDecorator {
  const transformer: ValueTransformer = {
    to: (v: unknown) => v,
    from: (v: unknown) => (v === null || v === undefined ? null : Number(v)),
  };
  return Column({ name, type: 'bigint', nullable: options.nullable ?? false, transformer });
}
