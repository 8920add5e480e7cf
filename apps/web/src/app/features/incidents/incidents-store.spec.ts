import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { AuthStore } from '../../core/auth/auth-store';
import { apiInterceptor } from '../../core/http/api-interceptor';
import { ToastService } from '../../core/notify/toast-service';
import { meFor } from '../../testing/fixtures';
import { defaultFilters } from './incident-filters';
import { IncidentsStore, LIVE_REFRESH_MS } from './incidents-store';
import {
  FakeIncidentLive,
  countsFixture,
  incidentFixture,
  listFixture,
  provideFakeIncidentLive,
} from './testing/incident-fixtures';

describe('IncidentsStore', () => {
  let store: IncidentsStore;
  let backend: HttpTestingController;
  let live: FakeIncidentLive;

  beforeEach(async () => {
    live = new FakeIncidentLive();
    TestBed.configureTestingModule({
      providers: [
        IncidentsStore,
        provideHttpClient(withInterceptors([apiInterceptor])),
        provideHttpClientTesting(),
        provideRouter([]),
        provideFakeIncidentLive(live),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    const signedIn = TestBed.inject(AuthStore).ensureLoaded();
    backend.expectOne('/api/auth/me').flush(meFor('DataEngineer'));
    await signedIn;
    store = TestBed.inject(IncidentsStore);
  });

  afterEach(() => {
    vi.useRealTimers();
    backend.verify();
  });

  async function load(items = [incidentFixture()], filters = defaultFilters()) {
    const done = store.apply(filters);
    const req = backend.expectOne((r) => r.url === '/api/incidents');
    req.flush(listFixture(items, countsFixture({ OPEN: items.length })));
    await done;
    return req;
  }

  it('asks for live incidents by default, with the filters that are set', async () => {
    const req = await load([incidentFixture()], {
      ...defaultFilters(),
      assignee: 'me',
      breached: false,
      severities: ['HIGH'],
    });
    const p = req.request.params;
    expect(p.get('status')).toBe('OPEN,ACKNOWLEDGED,MUTED');
    expect(p.get('assigneeId')).toBe('me');
    expect(p.get('breached')).toBe('false');
    expect(p.get('severity')).toBe('HIGH');
    expect(p.get('sort')).toBe('-openedAt');
    expect(p.has('flapping')).toBe(false);
    expect(store.counts()?.status.OPEN).toBe(1);
    expect(store.narrowed()).toBe(true);
  });

  it('replaces a row at once on a live update, then refreshes counts and membership', async () => {
    await load([incidentFixture()]);
    vi.useFakeTimers();
    live.updates$.next(incidentFixture({ status: 'ACKNOWLEDGED', occurrences: 3 }));
    expect(store.incidents()[0]).toMatchObject({ status: 'ACKNOWLEDGED', occurrences: 3 });
    backend.expectNone((r) => r.url === '/api/incidents');
    vi.advanceTimersByTime(LIVE_REFRESH_MS);
    backend
      .expectOne((r) => r.url === '/api/incidents')
      .flush(listFixture([incidentFixture({ status: 'ACKNOWLEDGED' }), incidentFixture({ id: 'inc-2' })]));
    vi.useRealTimers();
    await vi.waitFor(() => expect(store.incidents().map((i) => i.id)).toEqual(['inc-1', 'inc-2']));
  });

  it('sends a bulk action only to the selected incidents it applies to and reports refusals', async () => {
    await load([
      incidentFixture({ id: 'a', title: 'A failing' }),
      incidentFixture({ id: 'b', title: 'B failing' }),
      incidentFixture({ id: 'c', status: 'RESOLVED' }),
    ]);
    store.selectAll(true);
    expect(store.allSelected()).toBe(true);
    const done = store.bulk('acknowledge');
    const req = backend.expectOne({ method: 'POST', url: '/api/incidents/bulk' });
    expect(req.request.body).toEqual({ ids: ['a', 'b'], action: 'acknowledge' });
    req.flush({
      results: [
        {
          id: 'a',
          ok: true,
          statusCode: 200,
          incident: incidentFixture({ id: 'a', status: 'ACKNOWLEDGED' }),
        },
        { id: 'b', ok: false, statusCode: 409, error: 'The incident is already ACKNOWLEDGED' },
      ],
      succeeded: 1,
      failed: 1,
    });
    await expect(done).resolves.toBeNull();
    expect(store.incidents()[0].status).toBe('ACKNOWLEDGED');
    expect(store.bulkReport()).toEqual({
      action: 'acknowledge',
      succeeded: 1,
      skipped: 1,
      failures: [{ id: 'b', title: 'B failing', error: 'The incident is already ACKNOWLEDGED' }],
    });
    expect(store.selectedIncidents()).toEqual([]);
    // The refresh after the change.
    await vi.waitFor(() => backend.expectOne((r) => r.url === '/api/incidents').flush(listFixture([])));
  });

  it('says so, without a request, when no selected incident can take the action', async () => {
    await load([incidentFixture({ id: 'c', status: 'RESOLVED' })]);
    store.toggle('c');
    await expect(store.bulk('resolve', { resolutionReason: 'fixed', note: 'x' })).resolves.toContain(
      'None of the selected',
    );
    backend.expectNone('/api/incidents/bulk');
  });

  it('names the whole request’s refusal (400) for the dialog, without a toast', async () => {
    await load([incidentFixture({ id: 'a' })]);
    store.toggle('a');
    const done = store.bulk('mute', { mutedUntil: '2020-01-01T00:00:00Z' });
    backend.expectOne('/api/incidents/bulk').flush(
      {
        statusCode: 400,
        error: 'Bad Request',
        message: 'mutedUntil must be in the future (now is 2026-03-01T10:00:00Z)',
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await expect(done).resolves.toBe('mutedUntil must be in the future (now is 2026-03-01T10:00:00Z)');
    expect(TestBed.inject(ToastService).toasts()).toEqual([]);
  });

  it('keeps the selection to incidents still listed after a reload, and names assignees', async () => {
    await load([
      incidentFixture({ id: 'a', assigneeId: 'id-DataEngineer' }),
      incidentFixture({ id: 'b', assigneeId: 'gone' }),
    ]);
    store.selectAll(true);
    await load([incidentFixture({ id: 'b' })]);
    expect(store.selectedIncidents().map((i) => i.id)).toEqual(['b']);
    expect(store.assigneeName('id-DataEngineer')).toBe('You');
    expect(store.assigneeName('gone')).toBe('A former member');
    expect(store.assigneeName(null)).toBeNull();
  });
});
