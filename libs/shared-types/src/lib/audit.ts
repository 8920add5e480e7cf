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

/** `GET /api/audit` query (Admin). Answers `Paged<AuditEntryDto>`, newest first. */
export interface AuditQuery {
  page?: number;
  pageSize?: number;
  actorType?: AuditActorType;
  actorId?: string;
  /** Exact action name, or a prefix ending in `.` (e.g. `user.`). */
  action?: string;
  entityType?: string;
  entityId?: string;
  /** Inclusive lower bound (ISO 8601). */
  from?: IsoDateTime;
  /** Exclusive upper bound (ISO 8601). */
  to?: IsoDateTime;
}
