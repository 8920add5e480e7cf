import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { Role } from '@dqw/shared-types';
import { AuthStore } from '../../core/auth/auth-store';
import { apiInterceptor } from '../../core/http/api-interceptor';
import { meFor } from '../../testing/fixtures';
import { evidenceFixture, runWithPlanFixture } from '../runs/testing/fixtures';
import { IncidentDetailStore, TIMELINE_PAGE } from './incident-detail-store';
import { detailFixture, eventFixture, provideFakeIncidentLive } from './testing/incident-fixtures';

describe('IncidentDetailStore', () => {
  let store: IncidentDetailStore;
  let backend: HttpTestingController;

  async function setUp(role: Role = 'DataEngineer', detail = detailFixture()) {
    TestBed.configureTestingModule({
      providers: [
        IncidentDetailStore,
        provideHttpClient(withInterceptors([apiInterceptor])),
        provideHttpClientTesting(),
        provideRouter([]),
        provideFakeIncidentLive(),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    const signedIn = TestBed.inject(AuthStore).ensureLoaded();
    backend.expectOne('/api/auth/me').flush(meFor(role));
    await signedIn;
    store = TestBed.inject(IncidentDetailStore);
    const done = store.load('inc-1');
    backend
      .expectOne('/api/incidents/assignees')
      .flush([{ id: 'u-2', displayName: 'Bea', role: 'DataEngineer' }]);
    backend.expectOne('/api/incidents/inc-1').flush(detail);
    await vi.waitFor(() => backend.expectOne('/api/datasets/ds-1').flush({ name: 'orders' }));
    await vi.waitFor(() => backend.expectOne('/api/runs/run-1').flush(runWithPlanFixture()));
    await vi.waitFor(() => backend.expectOne('/api/runs/run-1/evidence').flush(evidenceFixture()));
    await done;
  }

  afterEach(() => backend.verify());

  it('loads the incident, its dataset’s name and the evidence of the latest failing run', async () => {
    await setUp();
    expect(store.incident()?.title).toBe('Emails present is failing');
    expect(store.datasetName()).toBe('orders');
    expect(store.run()?.dsl).toBe('NOT_NULL(email)');
    expect(store.evidence()?.rows).toHaveLength(2);
    expect([...store.actions()].sort()).toEqual(['acknowledge', 'assign', 'comment', 'mute', 'resolve']);
  });

  it('tells a missing incident apart from a failure worth retrying', async () => {
    await setUp();
    const done = store.load('inc-gone');
    backend.expectOne('/api/incidents/assignees').flush([]);
    backend
      .expectOne('/api/incidents/inc-gone')
      .flush(
        { statusCode: 404, error: 'Not Found', message: 'Incident inc-gone not found' },
        { status: 404, statusText: 'Not Found' },
      );
    await done;
    expect(store.notFound()).toBe(true);
    expect(store.incident()).toBeNull();

    const again = store.load('inc-1');
    backend.expectOne('/api/incidents/assignees').flush([]);
    backend
      .expectOne('/api/incidents/inc-1')
      .flush({ message: 'boom' }, { status: 500, statusText: 'Error' });
    await again;
    expect(store.notFound()).toBe(false);
    expect(store.loadError()).toBeTruthy();
  });

  it('gives analysts no actions', async () => {
    await setUp('Analyst', detailFixture({ allowedTransitions: [] }));
    expect(store.actions().size).toBe(0);
  });

  it('resolves with the reason and the note, then shows the new state', async () => {
    await setUp();
    const done = store.resolve('false_positive', '  The rule was wrong  ');
    const req = backend.expectOne({ method: 'PATCH', url: '/api/incidents/inc-1' });
    expect(req.request.body).toEqual({
      status: 'RESOLVED',
      resolutionReason: 'false_positive',
      note: 'The rule was wrong',
    });
    req.flush({});
    await vi.waitFor(() =>
      backend
        .expectOne('/api/incidents/inc-1')
        .flush(detailFixture({ status: 'RESOLVED', allowedTransitions: [] })),
    );
    await expect(done).resolves.toEqual({ ok: true });
    expect([...store.actions()]).toEqual(['comment']);
  });

  it('explains a 409 in plain words and reloads, so only possible actions remain', async () => {
    await setUp();
    const done = store.acknowledge();
    backend.expectOne({ method: 'PATCH', url: '/api/incidents/inc-1' }).flush(
      {
        statusCode: 409,
        error: 'Conflict',
        message:
          'Cannot change an incident from RESOLVED to ACKNOWLEDGED; allowed from RESOLVED: none (a resolved incident is final)',
        details: { from: 'RESOLVED', to: 'ACKNOWLEDGED', allowed: [] },
      },
      { status: 409, statusText: 'Conflict' },
    );
    const result = await done;
    expect(result.ok).toBe(false);
    expect(store.actionError()).toContain('This incident is resolved now');
    await vi.waitFor(() =>
      backend
        .expectOne('/api/incidents/inc-1')
        .flush(detailFixture({ status: 'RESOLVED', allowedTransitions: [] })),
    );
    await vi.waitFor(() => expect(store.actions().has('acknowledge')).toBe(false));
  });

  it('appends a posted comment to the timeline', async () => {
    await setUp();
    const done = store.comment('Asked the CRM team');
    const req = backend.expectOne({ method: 'POST', url: '/api/incidents/inc-1/comments' });
    expect(req.request.body).toEqual({ body: 'Asked the CRM team' });
    req.flush(
      eventFixture({
        id: '2',
        type: 'comment',
        body: 'Asked the CRM team',
        actorType: 'user',
        actorLabel: 'Ana',
      }),
    );
    await expect(done).resolves.toEqual({ ok: true });
    expect(store.timeline().map((e) => e.type)).toEqual(['opened', 'comment']);
  });

  it('fetches earlier events from the page that holds the newest hidden one', async () => {
    const latest = Array.from({ length: 3 }, (_, i) =>
      eventFixture({ id: String(248 + i), type: 'occurrence' }),
    );
    await setUp('DataEngineer', detailFixture({ timeline: latest, timelineTotal: 250 }));
    expect(store.hiddenEvents()).toBe(247);
    const done = store.loadEarlier();
    const req = backend.expectOne((r) => r.url === '/api/incidents/inc-1/timeline');
    expect(req.request.params.get('page')).toBe(String(Math.ceil(247 / TIMELINE_PAGE)));
    req.flush({
      items: Array.from({ length: 50 }, (_, i) => eventFixture({ id: String(201 + i), type: 'occurrence' })),
      total: 250,
      page: 3,
      pageSize: TIMELINE_PAGE,
    });
    await done;
    // 201–250 fetched (248–250 were shown already, and are not doubled): 1–200 are left.
    expect(store.hiddenEvents()).toBe(200);
    expect(store.timeline()).toHaveLength(50);
    expect(store.timeline()[0].id).toBe('201');
  });
});
