import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { apiInterceptor } from '../../core/http/api-interceptor';
import { ToastService } from '../../core/notify/toast-service';
import { userFixture } from '../../testing/fixtures';
import { UsersStore } from './users-store';

describe('UsersStore', () => {
  let store: UsersStore;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        UsersStore,
        provideHttpClient(withInterceptors([apiInterceptor])),
        provideHttpClientTesting(),
        provideRouter([]),
      ],
    });
    store = TestBed.inject(UsersStore);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  it('sends the filters and shows the page it got back', async () => {
    const done = store.applyFilters({ q: ' ana ', role: 'Analyst', active: false });
    const req = backend.expectOne((r) => r.url === '/api/users');
    expect(req.request.params.get('q')).toBe('ana');
    expect(req.request.params.get('role')).toBe('Analyst');
    expect(req.request.params.get('active')).toBe('false');
    expect(req.request.params.get('page')).toBe('1');
    expect(store.loading()).toBe(true);
    req.flush({ items: [userFixture()], total: 1, page: 1, pageSize: 25 });
    await done;
    expect(store.users().map((u) => u.email)).toEqual(['ana@example.com']);
    expect(store.filtered()).toBe(true);
    expect(store.loading()).toBe(false);
  });

  it('keeps the newest answer when an older, slower one arrives last', async () => {
    const first = store.applyFilters({ q: 'a' });
    const second = store.applyFilters({ q: 'ab' });
    const [slow, fast] = backend.match((r) => r.url === '/api/users');
    fast.flush({ items: [userFixture({ email: 'ab@example.com' })], total: 1, page: 1, pageSize: 25 });
    slow.flush({ items: [userFixture({ email: 'a@example.com' })], total: 1, page: 1, pageSize: 25 });
    await Promise.all([first, second]);
    expect(store.users().map((u) => u.email)).toEqual(['ab@example.com']);
  });

  it('shows a load failure in words, on the page', async () => {
    const done = store.load(1);
    backend.expectOne((r) => r.url === '/api/users').flush(null, { status: 403, statusText: 'Forbidden' });
    await done;
    expect(store.loadError()).toContain("You don't have access");
  });

  it('creates a user, says so, and reloads the list', async () => {
    const created = store.create({
      email: 'new@example.com',
      role: 'Analyst',
      password: 'a-long-password-1',
    });
    backend.expectOne({ method: 'POST', url: '/api/users' }).flush(userFixture({ email: 'new@example.com' }));
    await vi.waitFor(() =>
      backend
        .expectOne((r) => r.method === 'GET' && r.url === '/api/users')
        .flush({ items: [userFixture({ email: 'new@example.com' })], total: 1, page: 1, pageSize: 25 }),
    );
    await created;
    expect(store.users()[0].email).toBe('new@example.com');
    expect(TestBed.inject(ToastService).toasts()[0].text).toBe('new@example.com can now sign in.');
  });

  it('unlocks and deactivates a user in place, and reports a refusal without changing the row', async () => {
    const load = store.load(1);
    backend
      .expectOne((r) => r.url === '/api/users')
      .flush({ items: [userFixture({ locked: true })], total: 1, page: 1, pageSize: 25 });
    await load;

    const unlock = store.unlock(store.users()[0]);
    expect(store.isBusy('u-1')).toBe(true);
    const patch = backend.expectOne({ method: 'PATCH', url: '/api/users/u-1' });
    expect(patch.request.body).toEqual({ locked: false });
    patch.flush(userFixture({ locked: false }));
    expect(await unlock).toBe(true);
    expect(store.users()[0].locked).toBe(false);
    expect(store.isBusy('u-1')).toBe(false);

    const deactivate = store.setActive(store.users()[0], false);
    backend
      .expectOne({ method: 'PATCH', url: '/api/users/u-1' })
      .flush(
        { statusCode: 409, error: 'Conflict', message: 'An active Admin must remain.' },
        { status: 409, statusText: 'Conflict' },
      );
    expect(await deactivate).toBe(false);
    expect(store.users()[0].active).toBe(true);
    expect(
      TestBed.inject(ToastService)
        .toasts()
        .map((t) => t.text),
    ).toContain('An active Admin must remain.');
  });
});
