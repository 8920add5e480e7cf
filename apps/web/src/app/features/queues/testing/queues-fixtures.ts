// Test data for the queues specs (not used by the app itself).
import { QueuesResponse } from '@dqw/shared-types';

export function queuesFixture(overrides: Partial<QueuesResponse> = {}): QueuesResponse {
  const zero = { waiting: 0, active: 0, completed: 0, failed: 0, delayed: 0, workers: 1 };
  return {
    backend: 'in-process',
    available: true,
    queues: [
      { name: 'rule-runs', ...zero, completed: 4 },
      { name: 'profiling', ...zero },
      { name: 'notifications', ...zero },
      { name: 'maintenance', ...zero },
    ],
    dashboardUrl: null,
    ...overrides,
  };
}
