import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ToastService } from '../../core/notify/toast-service';
import { FakeEventSource } from '../../core/live/testing/fake-event-source';
import { DatasetDetailStore } from './dataset-detail-store';
import {
  datasetDetailFixture,
  profileFixture,
  recommendationFixture,
  runFixture,
  versionFixture,
} from './testing/dataset-fixtures';
import { signedIn } from './testing/signed-in';

const page = <T>(items: T[]) => ({ items, total: items.length, page: 1, pageSize: 20 });

describe('DatasetDetailStore', () => {
  let backend: HttpTestingController;
  let events: FakeEventSource;
  let store: DatasetDetailStore;

  /** Answers the page's first load: dataset, versions, recommendations, runs, rule count, profile. */
  function flushLoad(
    overrides: {
      status?: 'uploaded' | 'ready';
      profile?: boolean;
      runs?: ReturnType<typeof runFixture>[];
    } = {},
  ) {
    const version = versionFixture({ status: overrides.status ?? 'ready' });
    backend.expectOne('/api/datasets/ds-1').flush(datasetDetailFixture({ currentVersion: version }));
    backend.expectOne((r) => r.url === '/api/datasets/ds-1/versions').flush(page([version]));
    backend
      .expectOne((r) => r.url === '/api/datasets/ds-1/recommendations')
      .flush(
        page([
          recommendationFixture(),
          recommendationFixture({ id: 'rec-2', dsl: 'NOT_NULL(email)', type: 'NOT_NULL' }),
        ]),
      );
    backend.expectOne((r) => r.url === '/api/runs').flush(page(overrides.runs ?? []));
    backend.expectOne((r) => r.url === '/api/rules').flush({ items: [], total: 2, page: 1, pageSize: 1 });
    const profile = backend.expectOne('/api/datasets/ds-1/profile');
    if (overrides.profile === false) {
      profile.flush(
        { statusCode: 404, error: 'Not Found', message: 'no profile yet' },
        { status: 404, statusText: 'Not Found' },
      );
    } else profile.flush(profileFixture());
  }

  beforeEach(async () => {
    ({ backend, events } = await signedIn('DataEngineer', [DatasetDetailStore]));
    store = TestBed.inject(DatasetDetailStore);
  });

  afterEach(() => backend.verify());

  it('loads everything the page shows; no profile yet is not an error', async () => {
    const done = store.init('ds-1');
    flushLoad({ status: 'uploaded', profile: false });
    await done;
    expect(store.dataset()?.name).toBe('orders');
    expect(store.profile()).toBeNull();
    expect(store.loadError()).toBeNull();
    expect(store.profiling()).toBe(true);
    expect(store.recommendations()).toHaveLength(2);
    expect(store.ruleCount()).toBe(2);
  });

  it('shows a missing dataset as "not found", not as an error', async () => {
    const done = store.init('ds-1');
    backend
      .expectOne('/api/datasets/ds-1')
      .flush(
        { statusCode: 404, error: 'Not Found', message: 'Dataset ds-1 not found' },
        { status: 404, statusText: 'Not Found' },
      );
    for (const r of backend.match(() => true)) r.flush({ items: [], total: 0, page: 1, pageSize: 1 });
    await done;
    expect(store.notFound()).toBe(true);
    expect(store.loadError()).toBeNull();
  });

  it('follows profiling of the current version live, then reloads when it is ready', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] }); // rxjs debounce reads Date.now
    try {
      const done = store.init('ds-1');
      flushLoad({ status: 'uploaded', profile: false });
      await done;
      events.emit('profile.progress', {
        datasetId: 'other',
        versionId: 'v-9',
        percent: 90,
        phase: 'profiling',
      });
      expect(store.profileProgress()).toBeNull();
      events.emit('profile.progress', {
        datasetId: 'ds-1',
        versionId: 'v-1',
        percent: 40,
        phase: 'profiling',
      });
      expect(store.profileProgress()?.percent).toBe(40);

      events.emit('dataset.updated', { datasetId: 'ds-1', versionId: 'v-1', status: 'ready' });
      await vi.advanceTimersByTimeAsync(400);
      flushLoad({ status: 'ready' });
      await vi.waitFor(() => expect(store.profiling()).toBe(false));
      expect(store.profile()?.columns).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('accepts a recommendation (as proposed, or edited) and removes it from the list', async () => {
    const done = store.init('ds-1');
    flushLoad();
    await done;
    const accepted = store.accept(store.recommendations()[0], 'UNIQUE(order_id)  ');
    const req = backend.expectOne({ method: 'POST', url: '/api/datasets/ds-1/recommendations/rec-1/accept' });
    expect(req.request.body).toEqual({}); // unchanged text is accepted as proposed
    req.flush({ id: 'rule-1', name: 'UNIQUE(order_id)' });
    await expect(accepted).resolves.toEqual({ ok: true, ruleName: 'UNIQUE(order_id)' });
    expect(store.recommendations().map((r) => r.id)).toEqual(['rec-2']);
    expect(store.ruleCount()).toBe(3);
    expect(
      TestBed.inject(ToastService)
        .toasts()
        .map((t) => t.text),
    ).toContain('Rule created: UNIQUE(order_id)');

    const edited = store.accept(store.recommendations()[0], 'NOT_NULL(emial)');
    const refused = backend.expectOne({
      method: 'POST',
      url: '/api/datasets/ds-1/recommendations/rec-2/accept',
    });
    expect(refused.request.body).toEqual({ dsl: 'NOT_NULL(emial)' });
    refused.flush(
      {
        statusCode: 400,
        error: 'Bad Request',
        message: "The rule is not valid: line 1, column 10: Unknown column 'emial' — did you mean 'email'?",
        details: [
          { line: 1, column: 10, length: 5, message: "Unknown column 'emial' — did you mean 'email'?" },
        ],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    const outcome = await edited;
    expect(outcome).toEqual({
      ok: false,
      message: "The rule is not valid: line 1, column 10: Unknown column 'emial' — did you mean 'email'?",
      positions: [
        { line: 1, column: 10, length: 5, message: "Unknown column 'emial' — did you mean 'email'?" },
      ],
    });
    expect(store.recommendations().map((r) => r.id)).toEqual(['rec-2']);
  });

  it('runs all rules and shows their progress and verdicts as the events arrive', async () => {
    const done = store.init('ds-1');
    flushLoad();
    await done;
    const running = store.runAll();
    backend.expectOne({ method: 'POST', url: '/api/rules/run' }).flush({
      runs: [
        { id: 'r1', ruleId: 'a', status: 'queued' },
        { id: 'r2', ruleId: 'b', status: 'queued' },
      ],
    });
    await vi.waitFor(() =>
      backend
        .expectOne((r) => r.url === '/api/runs')
        .flush(
          page([
            runFixture({ id: 'r1' }),
            runFixture({ id: 'r2', ruleId: 'b', ruleName: 'NOT_NULL(email)' }),
          ]),
        ),
    );
    await running;
    expect(store.batch()).toMatchObject({ total: 2, done: false, percent: 0 });

    events.emit('run.progress', {
      datasetId: 'ds-1',
      datasetVersionId: 'v-1',
      runIds: ['r1', 'r2'],
      percent: 40,
      phase: 'scanning',
    });
    expect(store.batch()?.percent).toBe(40);
    expect(store.batch()?.phase).toBe('scanning');

    events.emit('run.updated', runFixture({ id: 'r1', status: 'passed', passRate: 1, verdict: 'PASSED' }));
    events.emit('run.updated', runFixture({ id: 'r2', status: 'running' }));
    expect(store.batch()).toMatchObject({ done: false, passed: 1 });
    // A late "running" never overwrites a verdict that already arrived.
    events.emit('run.updated', runFixture({ id: 'r1', status: 'running' }));
    expect(store.runs().find((r) => r.id === 'r1')?.status).toBe('passed');

    events.emit(
      'run.updated',
      runFixture({ id: 'r2', status: 'failed', passRate: 0.5, failedCount: 3, verdict: 'FAILED' }),
    );
    expect(store.batch()).toMatchObject({ done: true, percent: 100, passed: 1, failed: 1, errors: 0 });
  });

  it('shows the progress of runs started elsewhere (an upload, a schedule)', async () => {
    const done = store.init('ds-1');
    flushLoad();
    await done;
    events.emit('run.updated', runFixture({ id: 'u1', trigger: 'upload', status: 'running' }));
    events.emit('run.progress', {
      datasetId: 'ds-1',
      datasetVersionId: 'v-2',
      runIds: ['u1'],
      percent: 15,
      phase: 'scanning',
    });
    expect(store.batch()).toMatchObject({ total: 1, percent: 15, done: false });
    expect(store.runs()[0].id).toBe('u1');
  });

  it('marks the page when the dataset is deleted elsewhere', async () => {
    const done = store.init('ds-1');
    flushLoad();
    await done;
    events.emit('dataset.updated', { datasetId: 'ds-1', versionId: null, status: 'deleted' });
    expect(store.deleted()).toBe(true);
  });
});
