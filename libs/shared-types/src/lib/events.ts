import type { IsoDateTime } from './common';
import type { Role } from './users';

/** Event types sent on `GET /api/events` (server-sent events). */
export type ServerEventType =
  | 'run.updated'
  | 'run.progress'
  | 'dataset.updated'
  | 'profile.progress'
  | 'incident.updated'
  | 'queue.counts';

/** One message of the event stream; the SSE `event:` field is `type`, `data:` is this JSON. */
export interface ServerEvent<T = Record<string, unknown>> {
  type: ServerEventType;
  at: IsoDateTime;
  data: T;
  /** Who may see it: roles allowed (default everyone signed in), or only one user. */
  audience?: { roles?: Role[]; userId?: string };
}
