import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { QueuesResponse } from '@dqw/shared-types';
import { FakeEventSource } from '../../core/live/testing/fake-event-source';
import { runFixture } from '../datasets/testing/dataset-fixtures';
import { signedIn } from '../datasets/testing/signed-in';
import { QUEUES_REFRESH_MS, QueuesStore } from './queues-store';
import { queuesFixture } from './testing/queues-fixtures';

describe('QueuesStore', () => {
  let backend: HttpTestingController;
  let events: FakeEventSource;
  let store: QueuesStore;

  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    ({ backend, events } = await signedIn('Admin', [QueuesStore]));
    store = TestBed.inject(QueuesStore);
  });

  afterEach(() => {
    store.stop();
    backend.verify();
    vi.useRealTimers();
  });

  const answer = (data: QueuesResponse) => backend.expectOne('/api/queues').flush(data);

  it('loads, then asks again every few seconds while the tab is visible', async () => {
    const started = store.start();
    answer(queuesFixture());
    await started;
    expect(store.data()?.queues[0].completed).toBe(4);

    await vi.advanceTimersByTimeAsync(QUEUES_REFRESH_MS);
    answer(
      queuesFixture({
        queues: [
          { name: 'rule-runs', waiting: 2, active: 1, completed: 5, failed: 0, delayed: 0, workers: 1 },
        ],
      }),
    );
    await vi.waitFor(() => expect(store.data()?.queues[0].waiting).toBe(2));

    const visibility = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    await vi.advanceTimersByTimeAsync(QUEUES_REFRESH_MS * 3);
    backend.expectNone('/api/queues'); // nobody is looking: no requests
    visibility.mockReturnValue('visible');
    document.dispatchEvent(new Event('visibilitychange'));
    answer(queuesFixture());
  });

  it('refreshes soon after runs change, once for a burst', async () => {
    const started = store.start();
    answer(queuesFixture());
    await started;
    events.emit('run.updated', runFixture({ status: 'running' }));
    answer(queuesFixture()); // leading edge
    events.emit('run.updated', runFixture({ status: 'passed' }));
    events.emit('run.updated', runFixture({ id: 'run-2', status: 'passed' }));
    await vi.advanceTimersByTimeAsync(1000);
    answer(queuesFixture()); // trailing edge: one more, not two
    await vi.advanceTimersByTimeAsync(10);
    backend.expectNone('/api/queues');
  });

  it('keeps the last counts on screen when a refresh fails, and says so', async () => {
    const started = store.start();
    answer(queuesFixture());
    await started;
    const again = store.refresh();
    backend.expectOne('/api/queues').flush(null, { status: 502, statusText: 'Bad Gateway' });
    await again;
    expect(store.data()?.queues).toHaveLength(4);
    expect(store.error()).toContain('Something went wrong on the server');
  });
});
