import { AuditEntryDto } from '@dqw/shared-types';
import { AuditEntry } from './audit-entry.entity';

function parseChanges(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function toAuditEntryDto(e: AuditEntry): AuditEntryDto {
  return {
    id: e.id,
    at: e.at.toISOString(),
    actorType: e.actorType,
    actorId: e.actorId,
    actorLabel: e.actorLabel,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    summary: e.summary,
    changes: parseChanges(e.changes),
    ip: e.ip,
    requestId: e.requestId,
    hash: e.hash,
    prevHash: e.prevHash,
  };
}
