import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { AuthStore } from '../../../core/auth/auth-store';
import { apiInterceptor } from '../../../core/http/api-interceptor';
import { button } from '../../../testing/dom';
import { meFor, userFixture } from '../../../testing/fixtures';
import { UserList } from './user-list';

describe('UserList page', () => {
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
    const signedIn = TestBed.inject(AuthStore).ensureLoaded();
    backend.expectOne('/api/auth/me').flush(meFor('Admin', { id: 'me' }));
    await signedIn;
    const fixture = TestBed.createComponent(UserList);
    backend
      .expectOne((r) => r.url === '/api/users')
      .flush({
        items: [
          userFixture({ id: 'me', email: 'me@example.com', role: 'Admin' }),
          userFixture({ id: 'u-2', email: 'locked@example.com', locked: true }),
          userFixture({ id: 'u-3', email: 'gone@example.com', active: false }),
        ],
        total: 3,
        page: 1,
        pageSize: 25,
      });
    const el = fixture.nativeElement as HTMLElement;
    await vi.waitFor(async () => {
      await fixture.whenStable();
      expect(el.querySelectorAll('tbody tr')).toHaveLength(3);
    });
    const row = (email: string) => {
      const found = el.querySelector<HTMLElement>(`tr[data-user="${email}"]`);
      if (!found) throw new Error(`no row for ${email}`);
      return found;
    };
    return { fixture, el, row };
  }

  afterEach(() => backend.verify());

  it('shows role, active and locked badges, and only the actions that apply', async () => {
    const { row } = await render();
    const text = (email: string) => row(email).textContent?.replace(/\s+/g, ' ') ?? '';
    expect(text('locked@example.com')).toContain('Locked');
    expect(text('locked@example.com')).toContain('Unlock');
    expect(text('gone@example.com')).toContain('Inactive');
    expect(text('gone@example.com')).toContain('Reactivate');
    // No one deactivates themselves from this page.
    expect(text('me@example.com')).toContain('Admin');
    expect(text('me@example.com')).not.toContain('Deactivate');
  });

  it('asks before deactivating, then sends active: false', async () => {
    const { el, fixture, row } = await render();
    button(row('locked@example.com'), 'Deactivate').click();
    await fixture.whenStable();
    const dialog = el.querySelector('dqw-confirm-dialog');
    expect(dialog?.textContent).toContain('will no longer be able to sign in');
    backend.expectNone((r) => r.method === 'PATCH');
    button(dialog as HTMLElement, 'Deactivate').click();
    const patch = backend.expectOne({ method: 'PATCH', url: '/api/users/u-2' });
    expect(patch.request.body).toEqual({ active: false });
    patch.flush(userFixture({ id: 'u-2', email: 'locked@example.com', locked: true, active: false }));
    await vi.waitFor(async () => {
      await fixture.whenStable();
      expect(row('locked@example.com').textContent).toContain('Inactive');
    });
  });
});
