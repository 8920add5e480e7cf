import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { apiInterceptor } from '../../core/http/api-interceptor';
import { runFiltersFromForm } from './run-list/run-list';
import { POLL_MS } from './run-detail-store';
import { RunsStore, matchesFilters } from './runs-store';
import { FakeRunLive, provideFakeRunLive, runFixture } from './testing/fixtures';

describe('RunsStore', () => {
  let store: RunsStore;
  let backend: HttpTestingController;
  let live: FakeRunLive;

  beforeEach(() => {
    live = new FakeRunLive();
    TestBed.configureTestingModule({
      providers: [
        RunsStore,
        provideHttpClient(withInterceptors([apiInterceptor])),
        provideHttpClientTesting(),
        provideRouter([]),
        provideFakeRunLive(live),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    backend.verify();
    vi.useRealTimers();
  });

  async function load(filters = {}, items = [runFixture()]) {
    store = TestBed.inject(RunsStore);
    const done = store.applyFilters(filters);
    const req = backend.expectOne((r) => r.url === '/api/runs');
    req.flush({ items, total: items.length, page: 1, pageSize: 25 });
    await done;
    return req;
  }

  it('asks for one rule’s history with its filters and names the rule', async () => {
    store = TestBed.inject(RunsStore);
    const done = store.applyFilters({ ruleId: 'rule-1', status: 'failed', trigger: 'upload' });
    backend.expectOne('/api/rules/rule-1').flush({ name: 'Emails present' });
    const req = backend.expectOne((r) => r.url === '/api/runs');
    expect(req.request.params.get('ruleId')).toBe('rule-1');
    expect(req.request.params.get('status')).toBe('failed');
    expect(req.request.params.get('trigger')).toBe('upload');
    req.flush({ items: [runFixture()], total: 1, page: 1, pageSize: 25 });
    await done;
    await vi.waitFor(() => expect(store.ruleName()).toBe('Emails present'));
  });

  it('puts a new matching run at the top of page 1 and updates known runs in place', async () => {
    await load({ datasetId: 'ds-1' });
    live.updates$.next(runFixture({ id: 'run-2', status: 'queued', queuedAt: '2026-02-01T00:00:00Z' }));
    expect(store.runs().map((r) => r.id)).toEqual(['run-2', 'run-1']);
    expect(store.total()).toBe(2);
    live.updates$.next(runFixture({ id: 'run-2', status: 'running' }));
    expect(store.runs()[0].status).toBe('running');
    // Another dataset's run is not this list's business.
    live.updates$.next(runFixture({ id: 'run-3', datasetId: 'ds-9' }));
    expect(store.runs()).toHaveLength(2);
  });

  it('drops a run that no longer matches the status filter', async () => {
    await load({ status: 'running' }, [runFixture({ status: 'running' })]);
    live.updates$.next(runFixture({ status: 'passed' }));
    expect(store.runs()).toEqual([]);
  });

  it('polls while runs are active and the event stream is down', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] }); // before the store starts its timer
    await load({}, [runFixture({ status: 'running' })]);
    live.connectedSignal.set(false);
    vi.advanceTimersByTime(POLL_MS);
    backend
      .expectOne((r) => r.url === '/api/runs')
      .flush({ items: [runFixture()], total: 1, page: 1, pageSize: 25 });
    await vi.waitFor(() => expect(store.runs()[0].status).toBe('failed'));
    vi.advanceTimersByTime(POLL_MS);
    backend.expectNone((r) => r.url === '/api/runs'); // nothing active any more
  });
});

describe('run filters', () => {
  it('turn local days into an inclusive range and keep the rule', () => {
    const filters = runFiltersFromForm(
      { datasetId: '', status: 'error', trigger: '', from: '2026-03-01', to: '2026-03-31' },
      'rule-1',
    );
    expect(filters).toEqual({
      ruleId: 'rule-1',
      status: 'error',
      from: new Date(2026, 2, 1).toISOString(),
      to: new Date(2026, 3, 1).toISOString(),
    });
  });

  it('match runs announced by the event stream as the API would', () => {
    const run = runFixture({ queuedAt: '2026-03-10T00:00:00.000Z' });
    expect(matchesFilters(run, { from: '2026-03-10T00:00:00.000Z' })).toBe(true);
    expect(matchesFilters(run, { to: '2026-03-10T00:00:00.000Z' })).toBe(false);
    expect(matchesFilters(run, { verdict: 'FAILED', trigger: 'manual' })).toBe(true);
    expect(matchesFilters(run, { verdict: 'PASSED' })).toBe(false);
  });
});
