import { createHash } from 'node:crypto';
import { AuditActorType } from '@dqw/shared-types';

export const GENESIS_HASH = '0'.repeat(64);

export interface HashedContent {
  at: Date;
  actorType: AuditActorType;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  summary: string;
  changes: string | null;
  ip: string | null;
  requestId: string | null;
}

/** SHA-256 over the previous hash and every content field, in a fixed order (an array, not an object). */
export function auditHash(prevHash: string, c: HashedContent): string {
  const canonical = JSON.stringify([
    prevHash,
    c.at.toISOString(),
    c.actorType,
    c.actorId,
    c.actorLabel,
    c.action,
    c.entityType,
    c.entityId,
    c.summary,
    c.changes,
    c.ip,
    c.requestId,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}
