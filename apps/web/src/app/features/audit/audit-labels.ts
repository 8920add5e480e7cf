import { AuditEntryDto } from '@dqw/shared-types';

const ACTOR_TYPES: Record<AuditEntryDto['actorType'], string> = {
  user: 'user',
  token: 'API token',
  system: 'system',
  anonymous: 'not signed in',
};

/** "alice@example.com (API token)", "system", "not signed in". */
export function actorText(entry: Pick<AuditEntryDto, 'actorType' | 'actorId' | 'actorLabel'>): string {
  const who = entry.actorLabel ?? entry.actorId;
  const kind = ACTOR_TYPES[entry.actorType] ?? entry.actorType;
  if (!who || who === kind) return kind;
  return entry.actorType === 'user' ? who : `${who} (${kind})`;
}
