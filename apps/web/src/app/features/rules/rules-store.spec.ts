import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { apiInterceptor } from '../../core/http/api-interceptor';
import { ToastService } from '../../core/notify/toast-service';
import { FakeRunLive, provideFakeRunLive, ruleFixture, runFixture } from '../runs/testing/fixtures';
import { filtersFromForm } from './rule-list/rule-list';
import { RulesStore } from './rules-store';

describe('RulesStore', () => {
  let store: RulesStore;
  let backend: HttpTestingController;
  let live: FakeRunLive;

  beforeEach(() => {
    live = new FakeRunLive();
    TestBed.configureTestingModule({
      providers: [
        RulesStore,
        provideHttpClient(withInterceptors([apiInterceptor])),
        provideHttpClientTesting(),
        provideRouter([]),
        provideFakeRunLive(live),
      ],
    });
    store = TestBed.inject(RulesStore);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  const LATEST = (r: { url: string }) => r.url === '/api/runs/latest';

  /** Loads one page of rules and answers their latest-runs request. */
  async function loadRules(filters = {}, rules = [ruleFixture()]) {
    const done = store.applyFilters(filters);
    backend
      .expectOne((r) => r.url === '/api/rules')
      .flush({ items: rules, total: rules.length, page: 1, pageSize: 25 });
    const req = await vi.waitFor(() => backend.expectOne(LATEST));
    req.flush({ items: [] });
    await done;
  }

  it('sends only the filters that are set, from page 1', async () => {
    const done = store.applyFilters({ datasetId: 'ds-1', active: false, q: 'email' });
    const req = backend.expectOne((r) => r.url === '/api/rules');
    expect(req.request.params.keys().sort()).toEqual(['active', 'datasetId', 'page', 'pageSize', 'q']);
    expect(req.request.params.get('active')).toBe('false');
    expect(req.request.params.get('page')).toBe('1');
    req.flush({ items: [], total: 0, page: 1, pageSize: 25 });
    await done;
    expect(store.filtered()).toBe(true);
  });

  it('loads the listed rules’ latest runs for their badges in one request', async () => {
    const done = store.applyFilters({});
    backend
      .expectOne((r) => r.url === '/api/rules')
      .flush({
        items: [ruleFixture(), ruleFixture({ id: 'rule-2' })],
        total: 2,
        page: 1,
        pageSize: 25,
      });
    const req = await vi.waitFor(() => backend.expectOne(LATEST));
    expect(req.request.params.get('ruleIds')).toBe('rule-1,rule-2');
    expect(backend.match((r) => r.url === '/api/runs')).toHaveLength(0);
    req.flush({ items: [runFixture()] });
    await done;
    expect(store.latestRun('rule-1')?.status).toBe('failed');
    expect(store.latestRun('rule-2')).toBeNull();
  });

  it('keeps a badge a live update brought while the latest runs were being fetched', async () => {
    const done = store.applyFilters({});
    backend
      .expectOne((r) => r.url === '/api/rules')
      .flush({ items: [ruleFixture()], total: 1, page: 1, pageSize: 25 });
    const req = await vi.waitFor(() => backend.expectOne(LATEST));
    live.updates$.next(runFixture({ id: 'run-2', status: 'passed', queuedAt: '2026-01-02T00:00:00Z' }));
    req.flush({ items: [runFixture()] });
    await done;
    expect(store.latestRun('rule-1')?.id).toBe('run-2');
  });

  it('replaces a badge when the event stream reports a newer run, but not with an older one', async () => {
    const done = store.applyFilters({});
    backend
      .expectOne((r) => r.url === '/api/rules')
      .flush({ items: [ruleFixture()], total: 1, page: 1, pageSize: 25 });
    const req = await vi.waitFor(() => backend.expectOne(LATEST));
    req.flush({ items: [runFixture()] });
    await done;

    live.updates$.next(runFixture({ id: 'run-2', status: 'running', queuedAt: '2026-01-02T00:00:00Z' }));
    expect(store.latestRun('rule-1')?.id).toBe('run-2');
    live.updates$.next(runFixture({ id: 'run-0', status: 'passed', queuedAt: '2025-12-31T00:00:00Z' }));
    expect(store.latestRun('rule-1')?.id).toBe('run-2');
    live.updates$.next(runFixture({ id: 'run-x', ruleId: 'not-listed' }));
    expect(store.latestRun('not-listed')).toBeUndefined();
  });

  it('keeps a finished run finished when a slower answer still says it was queued', async () => {
    const done = store.applyFilters({});
    backend
      .expectOne((r) => r.url === '/api/rules')
      .flush({ items: [ruleFixture()], total: 1, page: 1, pageSize: 25 });
    const req = await vi.waitFor(() => backend.expectOne(LATEST));
    req.flush({ items: [] });
    await done;
    const later = { id: 'run-9', queuedAt: '2026-01-03T00:00:00Z' };
    live.updates$.next(runFixture({ ...later, status: 'failed' }));
    live.updates$.next(runFixture({ ...later, status: 'queued' }));
    expect(store.latestRun('rule-1')?.status).toBe('failed');
  });

  it('queues a run of a dataset’s active rules and says so', async () => {
    await loadRules({ datasetId: 'ds-1' }, [ruleFixture(), ruleFixture({ id: 'rule-2' })]);
    const toasts = TestBed.inject(ToastService);
    const started = store.runDataset('ds-1');
    expect(store.isStarting('dataset:ds-1')).toBe(true);
    const post = backend.expectOne({ method: 'POST', url: '/api/rules/run' });
    expect(post.request.body).toEqual({ datasetId: 'ds-1' });
    post.flush(
      { runs: [{ id: 'run-9', ruleId: 'rule-2', status: 'queued' }] },
      { status: 202, statusText: 'Accepted' },
    );
    const get = await vi.waitFor(() => backend.expectOne('/api/runs/run-9'));
    get.flush(
      runFixture({ id: 'run-9', ruleId: 'rule-2', status: 'queued', queuedAt: '2026-02-01T00:00:00Z' }),
    );
    await started;
    expect(store.isStarting('dataset:ds-1')).toBe(false);
    expect(store.latestRun('rule-2')?.status).toBe('queued');
    expect(toasts.toasts().map((t) => t.text)).toContain(
      'Runs of the active rules of Unknown dataset queued.',
    );
  });
});

describe('rule filter form', () => {
  it('leaves blank filters out and turns the status into active true/false', () => {
    expect(
      filtersFromForm({ datasetId: '', type: '', severity: 'HIGH', active: 'inactive', q: '  email ' }),
    ).toEqual({
      severity: 'HIGH',
      active: false,
      q: 'email',
    });
    expect(filtersFromForm({ datasetId: 'ds-1', type: 'UNIQUE', severity: '', active: '', q: ' ' })).toEqual({
      datasetId: 'ds-1',
      type: 'UNIQUE',
    });
  });
});
