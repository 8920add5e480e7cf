import type { SchemaDrift, VersionColumnDto } from '@dqw/shared-types';

/** Columns added, removed and retyped between two versions (types as each version's profile read them). */
export function schemaDrift(
  previousVersionId: string,
  before: readonly VersionColumnDto[],
  after: readonly VersionColumnDto[],
): SchemaDrift | null {
  const old = new Map(before.map((c) => [c.name, c]));
  const now = new Map(after.map((c) => [c.name, c]));
  const added = after.filter((c) => !old.has(c.name)).map((c) => c.name);
  const removed = before.filter((c) => !now.has(c.name)).map((c) => c.name);
  const retyped = after
    .filter((c) => old.has(c.name) && old.get(c.name)?.type !== c.type)
    .map((c) => ({ name: c.name, from: old.get(c.name)?.type ?? c.type, to: c.type }));
  if (!added.length && !removed.length && !retyped.length) return null;
  return { previousVersionId, added, removed, retyped };
}
