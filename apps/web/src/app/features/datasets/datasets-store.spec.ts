import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { FakeEventSource } from '../../core/live/testing/fake-event-source';
import { DatasetsStore } from './datasets-store';
import { datasetFixture } from './testing/dataset-fixtures';
import { signedIn } from './testing/signed-in';

describe('DatasetsStore', () => {
  let backend: HttpTestingController;
  let events: FakeEventSource;
  let store: DatasetsStore;

  beforeEach(async () => {
    ({ backend, events } = await signedIn('Analyst', [DatasetsStore]));
    store = TestBed.inject(DatasetsStore);
  });

  afterEach(() => {
    backend.verify();
    vi.useRealTimers();
  });

  it('searches from page 1 with the trimmed text and tells "no datasets" from "no match"', async () => {
    const first = store.load(1);
    backend.expectOne((r) => r.url === '/api/datasets').flush({ items: [], total: 0, page: 1, pageSize: 25 });
    await first;
    expect(store.empty()).toBe(true);

    const search = store.search('  ord ');
    const req = backend.expectOne((r) => r.url === '/api/datasets');
    expect(req.request.params.get('q')).toBe('ord');
    expect(req.request.params.get('page')).toBe('1');
    req.flush({ items: [], total: 0, page: 1, pageSize: 25 });
    await search;
    expect(store.empty()).toBe(false); // nothing matches, but there may be datasets
    expect(store.query()).toBe('ord');
  });

  it('refreshes quietly when a dataset changes, once for a burst of events', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] }); // rxjs debounce reads Date.now
    const first = store.load(1);
    backend
      .expectOne((r) => r.url === '/api/datasets')
      .flush({ items: [datasetFixture()], total: 1, page: 1, pageSize: 25 });
    await first;

    events.emit('dataset.updated', { datasetId: 'ds-1', versionId: 'v-1', status: 'profiling' });
    events.emit('dataset.updated', { datasetId: 'ds-1', versionId: 'v-1', status: 'ready' });
    await vi.advanceTimersByTimeAsync(500);
    const refresh = backend.expectOne((r) => r.url === '/api/datasets');
    expect(store.loading()).toBe(false); // no spinner for a background refresh
    refresh.flush({ items: [datasetFixture({ rowCount: 1200 })], total: 1, page: 1, pageSize: 25 });
    await vi.waitFor(() => expect(store.datasets()[0].rowCount).toBe(1200));
  });

  it('moves back to the last page when a refresh finds the current page emptied', async () => {
    const load = store.load(3);
    backend
      .expectOne((r) => r.url === '/api/datasets' && r.params.get('page') === '3')
      .flush({ items: [], total: 30, page: 3, pageSize: 25 });
    await vi.waitFor(() =>
      backend
        .expectOne((r) => r.url === '/api/datasets' && r.params.get('page') === '2')
        .flush({ items: [datasetFixture()], total: 30, page: 2, pageSize: 25 }),
    );
    await load;
    expect(store.page()).toBe(2);
  });
});
