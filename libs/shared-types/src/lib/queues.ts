/** `GET /api/queues`: what ops staff see of the job queues. */
export interface QueueSummary {
  name: 'rule-runs' | 'profiling' | 'notifications' | 'maintenance';
  waiting: number;
  active: number;
  completed: number;
  failed: number;
  delayed: number;
  /** Processes consuming this queue right now. */
  workers: number;
}

export interface QueuesResponse {
  /** `bull`: Redis-backed queues and separate workers; `in-process`: embedded mode. */
  backend: 'bull' | 'in-process';
  available: boolean;
  queues: QueueSummary[];
  /** Where the bull-board UI lives (Admins), or null in embedded mode. */
  dashboardUrl: string | null;
}
