import { IsoDateTime } from './common';

export type AuditActorType = 'user' | 'token' | 'system' | 'anonymous';

export interface AuditEntryDto {
  id: number;
  at: IsoDateTime;
  actorType: AuditActorType;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  summary: string;
  /** Before/after of the change, secrets redacted. */
  changes: unknown;
  ip: string | null;
  requestId: string | null;
  hash: string;
  prevHash: string;
}

export interface AuditVerifyResponse {
  valid: boolean;
  entries: number;
  firstBrokenId?: number;
}
