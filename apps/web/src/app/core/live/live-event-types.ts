import type {
  DatasetUpdatedEventData,
  IncidentUpdatedEventData,
  ProfileProgressEventData,
  QueuesResponse,
  RunProgressEventData,
  RunUpdatedEventData,
  ServerEvent,
  ServerEventType,
} from '@dqw/shared-types';

/** The `data` of each event type sent on `GET /api/events`. */
export interface LiveEventDataMap {
  'run.updated': RunUpdatedEventData;
  'run.progress': RunProgressEventData;
  'dataset.updated': DatasetUpdatedEventData;
  'profile.progress': ProfileProgressEventData;
  'incident.updated': IncidentUpdatedEventData;
  'queue.counts': Partial<QueuesResponse>;
}

// Fails to compile when the API adds an event type that this map doesn't know yet.
type Missing = Exclude<ServerEventType, keyof LiveEventDataMap>;
const exhaustive: Missing extends never ? true : Missing = true;
void exhaustive;

/** One typed message of the stream. */
export type LiveEvent<T extends ServerEventType> = ServerEvent<LiveEventDataMap[T]> & { type: T };

export const LIVE_EVENT_TYPES: readonly ServerEventType[] = [
  'run.updated',
  'run.progress',
  'dataset.updated',
  'profile.progress',
  'incident.updated',
  'queue.counts',
];

/**
 * `off`: signed out (no stream). `connecting`: first attempt. `open`: events arrive.
 * `reconnecting`: the stream dropped and is being re-opened. `unsupported`: no EventSource (tests, old browsers).
 */
export type LiveStatus = 'off' | 'connecting' | 'open' | 'reconnecting' | 'unsupported';
