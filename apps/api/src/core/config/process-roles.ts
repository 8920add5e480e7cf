import { Inject } from '@nestjs/common';
import type { AppConfig } from './config';

/** Which of the three roles (DESIGN §3) this process runs. */
export interface ProcessRoles {
  /** Serve HTTP (the API and the SPA). */
  web: boolean;
  /** Consume queued jobs in this process. */
  worker: boolean;
  /** Enqueue periodic work (schedules, SLA checks, retention); leader-locked across processes. */
  scheduler: boolean;
}

export const PROCESS_ROLES = Symbol('PROCESS_ROLES');
export const InjectProcessRoles = (): ParameterDecorator => Inject(PROCESS_ROLES);

/** Embedded mode (no Redis) runs every role in the one process; with Redis, workers run apart. */
export function defaultRoles(config: AppConfig): ProcessRoles {
  return { web: true, worker: !config.redisUrl, scheduler: !config.redisUrl };
}
