/** The queues of DESIGN §6 and the jobs each one carries. Every job name must have exactly one handler. */
export const QUEUE_NAMES = ['rule-runs', 'profiling', 'notifications', 'maintenance'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/**
 * Payload of every job, by queue and job name. Domain modules add their jobs here and to JOB_NAMES, so
 * producers and handlers share one typed contract; start-up fails when a listed job has no handler.
 */
/** Periodic jobs carry the start of their period (ISO 8601); the job id is derived from it. */
export interface PeriodicJobPayload {
  at: string;
}

/** Checks every unfinished run of one batch (the rules of one dataset version for one trigger) in one scan. */
export interface RunBatchPayload {
  datasetId: string;
  datasetVersionId: string | null;
  batchKey: string;
}

/** Sends one notification delivery (a row of notification_deliveries) to its channel. */
export interface DeliverNotificationPayload {
  deliveryId: string;
}

export interface JobPayloads {
  'rule-runs': { 'run-batch': RunBatchPayload };
  profiling: { 'profile-version': { versionId: string; revision?: string } };
  notifications: { deliver: DeliverNotificationPayload };
  maintenance: {
    'sla-check': PeriodicJobPayload;
    'fire-schedules': PeriodicJobPayload;
    'prune-evidence': PeriodicJobPayload;
    'recover-runs': PeriodicJobPayload;
    'recover-profiles': PeriodicJobPayload;
  };
}

export type JobName<Q extends QueueName> = keyof JobPayloads[Q] & string;
export type JobPayload<Q extends QueueName, N extends JobName<Q>> = JobPayloads[Q][N];

/** Runtime list of JobPayloads' keys, checked against the registered handlers at start-up. */
export const JOB_NAMES: { [Q in QueueName]: readonly string[] } = {
  'rule-runs': ['run-batch'],
  profiling: ['profile-version'],
  notifications: ['deliver'],
  maintenance: ['sla-check', 'fire-schedules', 'prune-evidence', 'recover-runs', 'recover-profiles'],
};

export interface EnqueueOptions {
  /** Deterministic id derived from what the job does: a second enqueue with the same id is a no-op. */
  jobId: string;
  attempts?: number;
  backoffMs?: number;
  delayMs?: number;
}

export const DEFAULT_ATTEMPTS = 3;
export const DEFAULT_BACKOFF_MS = 2_000;
