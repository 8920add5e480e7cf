import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { DashboardStatsDto, ServerEventType } from '@dqw/shared-types';
import { Observable, Subject, filter } from 'rxjs';
import { apiInterceptor } from '../../core/http/api-interceptor';
import { LiveEvents } from '../../core/live/live-events';
import { DashboardStore, LIVE_REFRESH_MS } from './dashboard-store';

/** The event stream, driven by the test. */
class FakeLiveEvents {
  readonly events = new Subject<{ type: ServerEventType; data: unknown }>();
  readonly reconnected = new Subject<void>();
  on(type: ServerEventType): Observable<unknown> {
    return this.events.pipe(filter((e) => e.type === type));
  }
  emit(type: ServerEventType, data: unknown): void {
    this.events.next({ type, data });
  }
}

const stats = (runsLast24h: number) => ({ runsLast24h, datasets: 1, activeRules: 1 }) as DashboardStatsDto;

describe('DashboardStore', () => {
  let store: DashboardStore;
  let backend: HttpTestingController;
  let live: FakeLiveEvents;

  beforeEach(() => {
    live = new FakeLiveEvents();
    TestBed.configureTestingModule({
      providers: [
        DashboardStore,
        provideHttpClient(withInterceptors([apiInterceptor])),
        provideHttpClientTesting(),
        provideRouter([]),
        { provide: LiveEvents, useValue: live },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    store = TestBed.inject(DashboardStore);
  });

  afterEach(() => {
    vi.useRealTimers();
    backend.verify();
  });

  /** Answers the five requests of one load; returns the URLs asked for. */
  function answer(runs = 3): string[] {
    const urls: string[] = [];
    const respond = (path: string, body: object) => {
      const req = backend.expectOne((r) => r.url === path);
      urls.push(req.request.urlWithParams);
      req.flush(body);
    };
    respond('/api/dashboard/stats', stats(runs));
    respond('/api/dashboard/trends', { items: [] });
    respond('/api/dashboard/rule-pass-rates', { items: [] });
    respond('/api/dashboard/heatmap', { rows: [], dayList: [] });
    respond('/api/incidents', { items: [], total: 0 });
    return urls;
  }

  it('asks every endpoint for the range and dataset of the URL', async () => {
    const done = store.apply({ days: 7, datasetId: 'd1' });
    const urls = answer();
    await done;
    expect(urls).toEqual([
      '/api/dashboard/stats?datasetId=d1&breakdown=none',
      '/api/dashboard/trends?days=7&datasetId=d1',
      '/api/dashboard/rule-pass-rates?days=7&datasetId=d1&sort=passRate&page=1&pageSize=10',
      '/api/dashboard/heatmap?days=7&datasetId=d1',
      '/api/incidents?datasetId=d1&sort=-openedAt&page=1&pageSize=5',
    ]);
    expect(store.data()?.stats.runsLast24h).toBe(3);
  });

  it('keeps the old numbers (dimmed) while another range loads, and reports a failure with retry', async () => {
    const first = store.apply({ days: 30, datasetId: null });
    answer(3);
    await first;
    const second = store.apply({ days: 7, datasetId: null });
    expect(store.stale()).toBe(true);
    expect(store.data()?.stats.runsLast24h).toBe(3);
    backend
      .expectOne((r) => r.url === '/api/dashboard/stats')
      .flush('down', { status: 503, statusText: 'x' });
    for (const path of ['trends', 'rule-pass-rates', 'heatmap']) {
      backend.match((r) => r.url === `/api/dashboard/${path}`).forEach((r) => r.flush({}));
    }
    backend.match((r) => r.url === '/api/incidents').forEach((r) => r.flush({ items: [] }));
    await second;
    expect(store.loadError()).toBeTruthy();
    expect(store.stale()).toBe(false);
    const retry = store.load();
    answer(4);
    await retry;
    expect(store.loadError()).toBeNull();
    expect(store.data()?.stats.runsLast24h).toBe(4);
  });

  it('refreshes once after a burst of finished runs and incident changes, not for runs in progress', async () => {
    const first = store.apply({ days: 30, datasetId: null });
    answer(3);
    await first;
    vi.useFakeTimers();
    live.emit('run.updated', { status: 'running' });
    vi.advanceTimersByTime(LIVE_REFRESH_MS * 2);
    backend.expectNone((r) => r.url === '/api/dashboard/stats');

    live.emit('run.updated', { status: 'passed' });
    vi.advanceTimersByTime(LIVE_REFRESH_MS / 2);
    live.emit('run.updated', { status: 'failed' });
    live.emit('incident.updated', { id: 'i1' });
    vi.advanceTimersByTime(LIVE_REFRESH_MS / 2);
    backend.expectNone((r) => r.url === '/api/dashboard/stats'); // still inside the burst
    vi.advanceTimersByTime(LIVE_REFRESH_MS);
    vi.useRealTimers();
    const urls = answer(5);
    expect(urls).toHaveLength(5);
    await vi.waitFor(() => expect(store.data()?.stats.runsLast24h).toBe(5));
  });

  it('reloads after the event stream comes back (events may have been missed)', async () => {
    const first = store.apply({ days: 30, datasetId: null });
    answer(3);
    await first;
    vi.useFakeTimers();
    live.reconnected.next();
    vi.advanceTimersByTime(LIVE_REFRESH_MS);
    vi.useRealTimers();
    answer(6);
    await vi.waitFor(() => expect(store.data()?.stats.runsLast24h).toBe(6));
  });
});
