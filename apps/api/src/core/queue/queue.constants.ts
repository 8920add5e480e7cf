/** The queues of DESIGN §6 and the jobs each one carries. Every job name must have exactly one handler. */
export const QUEUE_NAMES = ['rule-runs', 'profiling', 'notifications', 'maintenance'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/**
 * Payload of every job, by queue and job name. Domain modules add their jobs here and to JOB_NAMES, so
 * producers and handlers share one typed contract; start-up fails when a listed job has no handler.
 */
/* eslint-disable @typescript-eslint/no-empty-object-type -- queues without jobs yet */
export interface JobPayloads {
  'rule-runs': {};
  profiling: {};
  notifications: {};
  maintenance: {};
}
/* eslint-enable @typescript-eslint/no-empty-object-type */

export type JobName<Q extends QueueName> = keyof JobPayloads[Q] & string;
export type JobPayload<Q extends QueueName, N extends JobName<Q>> = JobPayloads[Q][N];

/** Runtime list of JobPayloads' keys, checked against the registered handlers at start-up. */
export const JOB_NAMES: { [Q in QueueName]: readonly string[] } = {
  'rule-runs': [],
  profiling: [],
  notifications: [],
  maintenance: [],
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
