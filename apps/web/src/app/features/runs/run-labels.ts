import { RunDetailDto, RunStatus, RunTrigger } from '@dqw/shared-types';

export const RUN_STATUS_OPTIONS: readonly { value: RunStatus; label: string }[] = [
  { value: 'queued', label: 'Queued' },
  { value: 'running', label: 'Running' },
  { value: 'passed', label: 'Passed' },
  { value: 'failed', label: 'Failed' },
  { value: 'error', label: 'Error' },
];

export const RUN_TRIGGER_OPTIONS: readonly { value: RunTrigger; label: string }[] = [
  { value: 'manual', label: 'On demand' },
  { value: 'api', label: 'API' },
  { value: 'upload', label: 'After upload' },
  { value: 'schedule', label: 'Schedule' },
];

const STATUS_BADGE: Record<RunStatus, string> = {
  queued: 'badge-soft-secondary',
  running: 'badge-soft-info',
  passed: 'badge-soft-success',
  failed: 'badge-soft-danger',
  error: 'badge-soft-warning',
};

export function runStatusLabel(status: RunStatus): string {
  return RUN_STATUS_OPTIONS.find((o) => o.value === status)?.label ?? status;
}

export function runStatusBadge(status: RunStatus): string {
  return STATUS_BADGE[status] ?? 'badge-soft-secondary';
}

export function triggerLabel(trigger: RunTrigger): string {
  return RUN_TRIGGER_OPTIONS.find((o) => o.value === trigger)?.label ?? trigger;
}

export function isActive(run: Pick<RunDetailDto, 'status'>): boolean {
  return run.status === 'queued' || run.status === 'running';
}

const PROGRESS: Record<RunStatus, number> = { queued: 0, running: 1, passed: 2, failed: 2, error: 2 };

/**
 * True when `next` is an older picture of the run than `known` — a GET answered after the event stream
 * already told the run finished: it must not turn a finished run back into a queued one.
 */
export function isStaleRun(
  known: Pick<RunDetailDto, 'id' | 'status'> | undefined,
  next: Pick<RunDetailDto, 'id' | 'status'>,
): boolean {
  return !!known && known.id === next.id && PROGRESS[next.status] < PROGRESS[known.status];
}

/** "98.7 %" with one decimal, or 100 % / 0 % exactly; "—" when unknown. */
export function formatPassRate(passRate: number | null | undefined): string {
  if (passRate === null || passRate === undefined || !Number.isFinite(passRate)) return '—';
  const percent = passRate * 100;
  if (percent === 100 || percent === 0) return `${percent} %`;
  // Never round a failing rule up to 100 % or a passing share down to 0 %.
  const shown = Math.min(99.9, Math.max(0.1, Math.round(percent * 10) / 10));
  return `${shown.toFixed(1)} %`;
}

/** 850 ms, 4.2 s, 3 min 5 s, 2 h 4 min. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`;
  const totalSeconds = Math.round(seconds);
  const minutes = Math.floor(totalSeconds / 60);
  if (minutes < 60) return `${minutes} min ${totalSeconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** 1,234,567 in the user's locale; "—" when unknown. */
export function formatCount(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : n.toLocaleString();
}
