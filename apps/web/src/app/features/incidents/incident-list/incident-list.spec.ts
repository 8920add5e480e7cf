import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { IncidentDto, Role } from '@dqw/shared-types';
import { AuthStore } from '../../../core/auth/auth-store';
import { apiInterceptor } from '../../../core/http/api-interceptor';
import { button } from '../../../testing/dom';
import { meFor } from '../../../testing/fixtures';
import { datasetFixture } from '../../runs/testing/fixtures';
import {
  countsFixture,
  incidentFixture,
  listFixture,
  provideFakeIncidentLive,
} from '../testing/incident-fixtures';
import { IncidentList } from './incident-list';

describe('IncidentList page', () => {
  let backend: HttpTestingController;

  async function render(
    role: Role,
    items: IncidentDto[],
    counts = countsFixture({ OPEN: items.length }),
    url = '/incidents',
  ) {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([apiInterceptor])),
        provideHttpClientTesting(),
        provideRouter([{ path: 'incidents', component: IncidentList }]),
        provideFakeIncidentLive(),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    const signedIn = TestBed.inject(AuthStore).ensureLoaded();
    backend.expectOne('/api/auth/me').flush(meFor(role));
    await signedIn;
    const harness = await RouterTestingHarness.create();
    const navigated = harness.navigateByUrl(url);
    await vi.waitFor(() => {
      backend
        .expectOne((r) => r.url === '/api/datasets')
        .flush({ items: [datasetFixture()], total: 1, page: 1, pageSize: 200 });
    });
    backend.expectOne('/api/incidents/assignees').flush([]);
    backend.expectOne((r) => r.url === '/api/rules').flush({ items: [], total: 0, page: 1, pageSize: 200 });
    const list = backend.expectOne((r) => r.url === '/api/incidents');
    list.flush(listFixture(items, counts));
    await navigated;
    await harness.fixture.whenStable();
    harness.detectChanges();
    return { harness, el: harness.routeNativeElement as HTMLElement, list };
  }

  afterEach(() => backend.verify());

  it('lists live incidents with severity, status, a ticking SLA badge and the flapping marker', async () => {
    const soon = new Date(Date.now() + 30 * 60_000).toISOString();
    const { el, list } = await render('DataEngineer', [
      incidentFixture({
        openedAt: new Date(Date.now() - 30 * 60_000).toISOString(),
        slaAckDueAt: soon,
        flapping: true,
      }),
    ]);
    expect(list.request.params.get('status')).toBe('OPEN,ACKNOWLEDGED,MUTED');
    const row = el.querySelector('tr[data-incident="Emails present is failing"]');
    expect(row?.textContent).toContain('orders');
    expect(row?.textContent).toContain('High');
    expect(row?.querySelector('[data-sla="ack-running"]')?.textContent).toMatch(
      /Acknowledge within (29|30) min/,
    );
    expect(row?.querySelector('[data-testid="flapping"]')).not.toBeNull();
    expect(el.querySelector('[data-chip="OPEN"]')?.getAttribute('aria-pressed')).toBe('true');
    expect(el.querySelector('[data-chip="RESOLVED"]')?.getAttribute('aria-pressed')).toBe('false');
  });

  it('narrows by a chip through the URL and asks again', async () => {
    const { harness, el } = await render('Analyst', [incidentFixture()]);
    (el.querySelector('[data-chip="HIGH"]') as HTMLButtonElement).click();
    const req = await vi.waitFor(() => backend.expectOne((r) => r.url === '/api/incidents'));
    expect(req.request.params.get('severity')).toBe('HIGH');
    req.flush(listFixture([incidentFixture()]));
    await harness.fixture.whenStable();
    expect(TestBed.inject(AuthStore).role()).toBe('Analyst');
    // Analysts read: no selection, no bulk actions.
    expect(el.querySelector('input[type="checkbox"][aria-label^="Select"]')).toBeNull();
  });

  it('says the data passed its checks when nothing is open, and what opens incidents', async () => {
    const { el } = await render('DataEngineer', [], countsFixture({ OPEN: 0, RESOLVED: 4 }));
    expect(el.textContent).toContain('No open incidents — your data passed its checks');
    expect(el.textContent).toContain('An incident opens when a rule fails');
    expect(button(el, 'Show resolved incidents')).toBeTruthy();
  });

  it('acknowledges the selected incidents in bulk', async () => {
    const { harness, el } = await render('DataEngineer', [
      incidentFixture({ id: 'a', title: 'A failing' }),
      incidentFixture({ id: 'b', title: 'B failing', status: 'ACKNOWLEDGED' }),
    ]);
    (el.querySelector('input[aria-label="Select every incident on this page"]') as HTMLInputElement).click();
    await harness.fixture.whenStable();
    const acknowledge = el.querySelector('[data-bulk="acknowledge"]') as HTMLButtonElement;
    expect(acknowledge.textContent).toContain('(1)');
    acknowledge.click();
    const req = backend.expectOne('/api/incidents/bulk');
    expect(req.request.body).toEqual({ ids: ['a'], action: 'acknowledge' });
    req.flush({
      results: [
        {
          id: 'a',
          ok: true,
          statusCode: 200,
          incident: incidentFixture({ id: 'a', title: 'A failing', status: 'ACKNOWLEDGED' }),
        },
      ],
      succeeded: 1,
      failed: 0,
    });
    await vi.waitFor(() => backend.expectOne((r) => r.url === '/api/incidents').flush(listFixture([])));
    await harness.fixture.whenStable();
    expect(el.querySelector('[data-testid="bulk-report"]')?.textContent).toContain('1 skipped');
  });
});
