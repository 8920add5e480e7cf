import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { JobQueue, QUEUE_NAMES } from '../../core/queue';
import { RunOutcomeHooks, type RunOutcome } from '../rules/runs/run-outcome-hooks';
import type { MetricsStore } from './metrics-store';

export const METRICS_STORE = Symbol('METRICS_STORE');

/** Upper bounds (seconds) of the run-duration histogram. */
const RUN_BUCKETS = [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900];
const RUN_STATUSES = ['passed', 'failed', 'error'] as const;

const esc = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

/**
 * Prometheus metrics. Per process (scrape each web process on its own address): HTTP latencies and the
 * Node process. Across processes: runs and their durations (counted where they finish, summed in Redis)
 * and queue depths (read from the queues at scrape time).
 */
@Injectable()
export class MetricsService implements OnModuleInit, OnApplicationShutdown {
  readonly registry = new Registry();
  private readonly http = new Histogram({
    name: 'dqw_http_request_duration_seconds',
    help: 'HTTP request latency of this API process, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  constructor(
    @Inject(METRICS_STORE) private readonly store: MetricsStore,
    private readonly hooks: RunOutcomeHooks,
    private readonly queue: JobQueue,
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: 'dqw_' });
  }

  onModuleInit(): void {
    this.hooks.register('metrics', (o) => this.recordRun(o));
  }

  onApplicationShutdown(): void {
    this.store.close();
  }

  recordRun(outcome: RunOutcome): void {
    const { status, durationMs } = outcome.run;
    if (!(RUN_STATUSES as readonly string[]).includes(status)) return;
    this.store.add(`runs_total|${status}`, 1);
    if (durationMs === null) return;
    const seconds = durationMs / 1000;
    for (const le of RUN_BUCKETS) if (seconds <= le) this.store.add(`run_duration_bucket|${le}`, 1);
    this.store.add('run_duration_sum', seconds);
    this.store.add('run_duration_count', 1);
  }

  /** Express middleware: times every request and labels it with the matched route pattern. */
  readonly middleware = (req: Request, res: Response, next: NextFunction): void => {
    const end = this.http.startTimer();
    res.on('finish', () => {
      const route = (req.route as { path?: string } | undefined)?.path;
      // Unmatched paths share one label, so scanners can't blow up the label set.
      end({
        method: req.method,
        route: route ? `${req.baseUrl}${route}` : 'unmatched',
        status: String(res.statusCode),
      });
    });
    next();
  };

  async render(): Promise<string> {
    const [own, shared, counts] = await Promise.all([
      this.registry.metrics(),
      this.store.readAll().catch(() => ({}) as Record<string, number>),
      this.queue.isAvailable() ? this.queue.counts().catch(() => null) : Promise.resolve(null),
    ]);
    const lines: string[] = [];
    lines.push('# HELP dqw_runs_total Rule runs finished, by status (all processes)');
    lines.push('# TYPE dqw_runs_total counter');
    for (const s of RUN_STATUSES)
      lines.push(`dqw_runs_total{status="${s}"} ${shared[`runs_total|${s}`] ?? 0}`);
    lines.push('# HELP dqw_run_duration_seconds Duration of finished rule runs (all processes)');
    lines.push('# TYPE dqw_run_duration_seconds histogram');
    for (const le of RUN_BUCKETS) {
      lines.push(`dqw_run_duration_seconds_bucket{le="${le}"} ${shared[`run_duration_bucket|${le}`] ?? 0}`);
    }
    lines.push(`dqw_run_duration_seconds_bucket{le="+Inf"} ${shared['run_duration_count'] ?? 0}`);
    lines.push(`dqw_run_duration_seconds_sum ${shared['run_duration_sum'] ?? 0}`);
    lines.push(`dqw_run_duration_seconds_count ${shared['run_duration_count'] ?? 0}`);
    lines.push('# HELP dqw_queue_jobs Jobs in each queue by state');
    lines.push('# TYPE dqw_queue_jobs gauge');
    lines.push('# HELP dqw_queue_workers Processes consuming each queue');
    if (counts) {
      for (const q of QUEUE_NAMES) {
        const c = counts[q];
        for (const state of ['waiting', 'active', 'delayed', 'failed', 'completed'] as const) {
          lines.push(`dqw_queue_jobs{queue="${esc(q)}",state="${state}"} ${c[state]}`);
        }
      }
      lines.push('# TYPE dqw_queue_workers gauge');
      for (const q of QUEUE_NAMES) lines.push(`dqw_queue_workers{queue="${esc(q)}"} ${counts[q].workers}`);
    }
    lines.push(
      '# HELP dqw_queue_available 1 when the queue backend takes jobs (0 while Redis is unreachable)',
    );
    lines.push('# TYPE dqw_queue_available gauge');
    lines.push(`dqw_queue_available ${counts ? 1 : 0}`);
    return `${own}\n${lines.join('\n')}\n`;
  }
}
