export type HealthState = 'ok' | 'degraded' | 'down';

export interface HealthCheck {
  status: HealthState;
  message?: string;
  [detail: string]: unknown;
}

export interface HealthResponse {
  status: HealthState;
  mode: 'embedded' | 'production';
  version: string;
  checks: Record<string, HealthCheck>;
}
