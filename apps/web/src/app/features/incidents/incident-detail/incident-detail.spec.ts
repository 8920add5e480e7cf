import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { IncidentDetailDto, Role } from '@dqw/shared-types';
import { AuthStore } from '../../../core/auth/auth-store';
import { apiInterceptor } from '../../../core/http/api-interceptor';
import { button, find } from '../../../testing/dom';
import { meFor } from '../../../testing/fixtures';
import { evidenceFixture, runWithPlanFixture } from '../../runs/testing/fixtures';
import { detailFixture, provideFakeIncidentLive } from '../testing/incident-fixtures';
import { IncidentDetail } from './incident-detail';

describe('IncidentDetail page', () => {
  let backend: HttpTestingController;

  async function render(role: Role, detail: IncidentDetailDto = detailFixture()) {
    TestBed.configureTestingModule({
      providers: [
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
    const fixture = TestBed.createComponent(IncidentDetail);
    fixture.componentRef.setInput('id', 'inc-1');
    fixture.detectChanges();
    backend
      .expectOne('/api/incidents/assignees')
      .flush([{ id: 'u-2', displayName: 'Bea', role: 'DataEngineer' }]);
    backend.expectOne('/api/incidents/inc-1').flush(detail);
    await vi.waitFor(() => backend.expectOne('/api/datasets/ds-1').flush({ name: 'orders' }));
    await vi.waitFor(() => backend.expectOne('/api/runs/run-1').flush(runWithPlanFixture()));
    await vi.waitFor(() => backend.expectOne('/api/runs/run-1/evidence').flush(evidenceFixture()));
    await fixture.whenStable();
    return { fixture, el: fixture.nativeElement as HTMLElement };
  }

  afterEach(() => backend.verify());

  it('shows the incident, links to its rule and runs, the timeline and the failing rows', async () => {
    const { el } = await render('DataEngineer');
    expect(find(el, 'h1').textContent).toContain('Emails present is failing');
    const links = [...el.querySelectorAll('a')].map((a) => [a.textContent?.trim(), a.getAttribute('href')]);
    expect(links).toContainEqual(['Emails present', '/rules/rule-1']);
    expect(links).toContainEqual(['Runs of this rule', '/runs?ruleId=rule-1']);
    expect(links).toContainEqual(['orders', '/datasets/ds-1']);
    expect(el.querySelector('[data-event="opened"]')?.textContent).toContain('2 of 6 rows failed');
    expect(el.querySelectorAll('dqw-evidence-table tbody tr[data-failing="true"]')).toHaveLength(2);
    expect(el.querySelector('[data-sla="ack-running"], [data-sla="ack-overdue"]')).not.toBeNull();
  });

  it('offers exactly the allowed actions to an engineer', async () => {
    const { el } = await render(
      'DataEngineer',
      detailFixture({ status: 'ACKNOWLEDGED', allowedTransitions: ['RESOLVED', 'MUTED'] }),
    );
    const toolbar = find(el, '[role="toolbar"]');
    expect([...toolbar.querySelectorAll('button')].map((b) => b.textContent?.trim())).toEqual([
      'Mute…',
      'Resolve…',
    ]);
    expect(el.querySelector('[data-testid="assignee-picker"]')).not.toBeNull();
    expect(el.querySelector('#incident-comment')).not.toBeNull();
  });

  it('shows analysts no actions, no picker and no comment box', async () => {
    const { el } = await render('Analyst', detailFixture({ allowedTransitions: [] }));
    expect(el.querySelector('[role="toolbar"]')).toBeNull();
    expect(el.querySelector('[data-testid="assignee-picker"]')).toBeNull();
    expect(el.querySelector('#incident-comment')).toBeNull();
    expect(el.textContent).toContain('need the Data engineer or Admin role');
  });

  it('asks for a reason and a note before resolving, then sends both', async () => {
    const { fixture, el } = await render('Admin');
    button(el, 'Resolve…').click();
    await fixture.whenStable();
    const dialog = find(el, 'dqw-resolve-dialog');
    button(dialog, 'Resolve').click();
    await fixture.whenStable();
    expect(dialog.textContent).toContain('Choose why the incident is resolved.');
    expect(dialog.textContent).toContain('Say what was done');
    backend.expectNone({ method: 'PATCH' });

    find<HTMLInputElement>(dialog, '#reason-fixed').click();
    const note = find<HTMLTextAreaElement>(dialog, '#resolve-note');
    note.value = 'Backfilled the missing emails';
    note.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    button(dialog, 'Resolve').click();
    const patch = backend.expectOne({ method: 'PATCH', url: '/api/incidents/inc-1' });
    expect(patch.request.body).toEqual({
      status: 'RESOLVED',
      resolutionReason: 'fixed',
      note: 'Backfilled the missing emails',
    });
    patch.flush({});
    await vi.waitFor(() =>
      backend
        .expectOne('/api/incidents/inc-1')
        .flush(detailFixture({ status: 'RESOLVED', allowedTransitions: [] })),
    );
    await fixture.whenStable();
    expect(el.querySelector('dqw-resolve-dialog')).toBeNull();
    expect(find(el, '[data-testid="incident-status"]').textContent).toContain('Resolved');
  });

  it('refuses a mute end in the past in the dialog, without asking the server', async () => {
    const { fixture, el } = await render('DataEngineer');
    button(el, 'Mute…').click();
    await fixture.whenStable();
    const dialog = find(el, 'dqw-mute-dialog');
    find<HTMLInputElement>(dialog, '#mute-custom').click();
    await fixture.whenStable();
    const until = find<HTMLInputElement>(dialog, '#mute-until');
    until.value = '2020-01-01T10:00';
    until.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    button(dialog, 'Mute').click();
    await fixture.whenStable();
    expect(dialog.textContent).toContain('Choose a time in the future.');
    backend.expectNone({ method: 'PATCH' });
  });
});
