import type { QueueName } from './queue.constants';

/** What a handler sees of its job, identical in Bull and in the in-process runner. */
export interface JobContext<T> {
  id: string;
  queue: QueueName;
  name: string;
  data: T;
  /** 1 on the first try. */
  attempt: number;
  maxAttempts: number;
  /** Reports progress 0–100; published to the event stream by the caller's handler if it wants. */
  progress(percent: number): Promise<void>;
}

/** Thrown by a handler when retrying can't help (bad payload, deleted entity): the job fails at once. */
export class PermanentJobError extends Error {
  override readonly name = 'PermanentJobError';
}

export type JobHandlerFn = (job: JobContext<unknown>) => Promise<unknown>;
