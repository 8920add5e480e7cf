import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { apiInterceptor } from '../../../core/http/api-interceptor';
import { button, find, textOf } from '../../../testing/dom';
import { auditFixture } from '../../../testing/fixtures';
import { AuditLog } from './audit-log';

describe('AuditLog page', () => {
  let backend: HttpTestingController;

  async function render() {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([apiInterceptor])),
        provideHttpClientTesting(),
        provideRouter([]),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(AuditLog);
    backend
      .expectOne((r) => r.url === '/api/audit')
      .flush({
        items: [
          auditFixture(),
          auditFixture({
            id: 2,
            action: 'auth.login',
            actorType: 'token',
            summary: 'Signed in',
            changes: null,
          }),
        ],
        total: 2,
        page: 1,
        pageSize: 25,
      });
    backend.expectOne((r) => r.url === '/api/users').flush({ items: [], total: 0, page: 1, pageSize: 200 });
    const el = fixture.nativeElement as HTMLElement;
    const settle = async (check: () => void) =>
      vi.waitFor(async () => {
        await fixture.whenStable();
        check();
      });
    await settle(() => expect(el.querySelectorAll('tbody tr')).toHaveLength(2));
    return { fixture, el, settle };
  }

  afterEach(() => backend.verify());

  it('lists entries with the actor in words', async () => {
    const { el } = await render();
    const rows = [...el.querySelectorAll('tbody tr')].map((r) => r.textContent ?? '');
    expect(rows[0]).toContain('user.create');
    expect(rows[1]).toContain('admin@example.com (API token)');
  });

  it('says clearly when the chain is intact', async () => {
    const { el, settle } = await render();
    button(el, 'Verify chain').click();
    backend.expectOne('/api/audit/verify').flush({ valid: true, entries: 2 });
    await settle(() =>
      expect(textOf(el, '[data-testid="verify-result"]')).toContain('The audit chain is intact.'),
    );
    expect(find(el, '[data-testid="verify-result"]').className).toContain('alert-success');
  });

  it('names the first broken entry when the chain is broken', async () => {
    const { el, settle } = await render();
    button(el, 'Verify chain').click();
    backend.expectOne('/api/audit/verify').flush({ valid: false, entries: 2, firstBrokenId: 2 });
    await settle(() => expect(textOf(el, '[data-testid="verify-result"]')).toContain('broken at entry #2'));
    expect(find(el, '[data-testid="verify-result"]').className).toContain('alert-danger');
  });

  it('opens an entry with its before/after changes', async () => {
    const { el, settle } = await render();
    button(el, 'Details of entry 1').click();
    await settle(() => expect(el.querySelector('dialog')).not.toBeNull());
    const dialog = find(el, 'dialog');
    expect(dialog.textContent).toContain('Audit entry #1');
    const rows = [...dialog.querySelectorAll('tbody tr')].map((r) =>
      [...r.children].map((c) => c.textContent?.replace(/\s+/g, ' ').trim()).join(' | '),
    );
    expect(rows).toContain('email | — | ana@example.com (changed)');
  });
});
