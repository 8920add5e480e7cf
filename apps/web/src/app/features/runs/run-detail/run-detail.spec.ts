import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { AuthStore } from '../../../core/auth/auth-store';
import { apiInterceptor } from '../../../core/http/api-interceptor';
import { find } from '../../../testing/dom';
import { meFor } from '../../../testing/fixtures';
import {
  FakeRunLive,
  datasetDetailFixture,
  evidenceFixture,
  provideFakeRunLive,
  runFixture,
  runWithPlanFixture,
} from '../testing/fixtures';
import { RunDetail } from './run-detail';

describe('RunDetail page', () => {
  let backend: HttpTestingController;
  let live: FakeRunLive;

  async function render(run = runWithPlanFixture()) {
    live = new FakeRunLive();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([apiInterceptor])),
        provideHttpClientTesting(),
        provideRouter([]),
        provideFakeRunLive(live),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    const signedIn = TestBed.inject(AuthStore).ensureLoaded();
    backend.expectOne('/api/auth/me').flush(meFor('DataEngineer'));
    await signedIn;
    const fixture = TestBed.createComponent(RunDetail);
    fixture.componentRef.setInput('id', run.id);
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    const settle = <T>(check: () => T) =>
      vi.waitFor(async () => {
        await fixture.whenStable();
        return check();
      });
    backend.expectOne(`/api/runs/${run.id}`).flush(run);
    await settle(() => backend.expectOne('/api/datasets/ds-1')).then((r) => r.flush(datasetDetailFixture()));
    await fixture.whenStable();
    return { fixture, el, settle };
  }

  afterEach(() => backend.verify());

  it('shows the verdict, counts, the plan and the failing rows with the checked values highlighted', async () => {
    const { el, settle } = await render();
    backend.expectOne('/api/runs/run-1/evidence').flush(evidenceFixture());
    await settle(() => expect(el.querySelectorAll('tbody tr[data-failing="true"]')).toHaveLength(2));
    expect(find(el, '[data-testid="run-verdict"]').textContent).toContain('Failed: 2 of 6 rows');
    expect(find(el, '[data-testid="run-failed-count"]').textContent).toBe('2');
    expect(el.textContent).toContain('66.7 %');
    expect(el.textContent).toContain('850 ms');
    expect(find(el, '[data-testid="plan-scans"]').textContent).toBe('1');
    expect(el.textContent).toContain('shared by the 2 rules of this dataset version');
    expect(el.querySelectorAll('.statements li')).toHaveLength(2);
    const highlighted = [...el.querySelectorAll('td.fail-cell')].map((td) => td.textContent?.trim());
    expect(highlighted).toEqual(['null', 'null']);
    expect(find<HTMLAnchorElement>(el, 'a[download]').getAttribute('href')).toBe(
      '/api/runs/run-1/evidence.csv',
    );
  });

  it('says why there is no evidence for pruned evidence, and fetches none', async () => {
    const { el } = await render(runWithPlanFixture({ evidenceAvailable: false }));
    backend.expectNone('/api/runs/run-1/evidence');
    expect(el.textContent).toContain('no longer kept');
    expect(el.querySelector('a[download]')).toBeNull();
  });

  it('follows a running run live and loads plan and evidence when it finishes', async () => {
    const running = runWithPlanFixture({
      status: 'running',
      verdict: null,
      rowsChecked: null,
      failedCount: null,
      passRate: null,
      plan: null,
    });
    const { el, settle } = await render(running);
    backend.expectNone('/api/runs/run-1/evidence');
    expect(el.querySelector('[role="progressbar"]')).not.toBeNull();
    live.progress('run-1', 55);
    await settle(() => expect(find(el, '[role="progressbar"]').getAttribute('aria-valuenow')).toBe('55'));

    live.updates$.next(runFixture({ status: 'failed' }));
    await settle(() => backend.expectOne('/api/runs/run-1')).then((r) => r.flush(runWithPlanFixture()));
    await settle(() => backend.expectOne('/api/datasets/ds-1')).then((r) => r.flush(datasetDetailFixture()));
    await settle(() => backend.expectOne('/api/runs/run-1/evidence')).then((r) => r.flush(evidenceFixture()));
    await settle(() => expect(el.querySelectorAll('tbody tr[data-failing="true"]')).toHaveLength(2));
    expect(el.querySelector('[role="progressbar"]')).toBeNull();
  });

  it('shows the error of a run that could not finish', async () => {
    const { el } = await render(
      runWithPlanFixture({
        status: 'error',
        verdict: 'ERROR',
        error: "Column 'email' is missing",
        plan: null,
      }),
    );
    expect(find(el, '.alert-danger').textContent).toContain("Column 'email' is missing");
    expect(el.textContent).toContain('A run that ends in error has no evidence.');
  });
});
