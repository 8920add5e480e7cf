import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { apiInterceptor } from '../http/api-interceptor';
import { meFor } from '../../testing/fixtures';
import { AuthStore } from './auth-store';

describe('AuthStore', () => {
  let store: AuthStore;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([apiInterceptor])),
        provideHttpClientTesting(),
        provideRouter([]),
      ],
    });
    store = TestBed.inject(AuthStore);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  it('loads the signed-in user once, even when several guards ask at the same time', async () => {
    const a = store.ensureLoaded();
    const b = store.ensureLoaded();
    expect(store.status()).toBe('loading');
    backend.expectOne('/api/auth/me').flush(meFor('DataEngineer'));
    expect(await a).toBe(true);
    expect(await b).toBe(true);
    expect(store.user()?.email).toBe('dataengineer@example.com');
    expect(store.role()).toBe('DataEngineer');
    expect(store.csrfToken()).toBe('csrf');
    // Answered from memory now: no second request (verify() in afterEach would catch one).
    expect(await store.ensureLoaded()).toBe(true);
  });

  it('is anonymous, without an error, when /me answers 401', async () => {
    const loaded = store.ensureLoaded();
    backend.expectOne('/api/auth/me').flush(null, { status: 401, statusText: 'Unauthorized' });
    expect(await loaded).toBe(false);
    expect(store.status()).toBe('anonymous');
    expect(store.problem()).toBeNull();
    expect(await store.ensureLoaded()).toBe(false);
  });

  it('remembers why the session could not be checked when the server is unreachable', async () => {
    const loaded = store.ensureLoaded();
    backend.expectOne('/api/auth/me').error(new ProgressEvent('error'), { status: 0 });
    expect(await loaded).toBe(false);
    expect(store.problem()?.kind).toBe('offline');
  });

  it('signs in with the credentials and keeps the answer', async () => {
    const login = store.login({ email: 'a@example.com', password: 'correct horse battery' });
    const req = backend.expectOne('/api/auth/login');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({ email: 'a@example.com', password: 'correct horse battery' });
    req.flush(meFor('Admin'));
    await login;
    expect(store.isAuthenticated()).toBe(true);
    expect(store.hasRole('Admin')).toBe(true);
    expect(store.hasRole('Analyst', 'DataEngineer')).toBe(false);
  });

  it('rejects a failed sign-in with a plain-words problem and stays signed out', async () => {
    const login = store.login({ email: 'a@example.com', password: 'wrong' });
    backend
      .expectOne('/api/auth/login')
      .flush(
        { statusCode: 429, error: 'Too Many Requests', message: 'x' },
        { status: 429, statusText: 'Too Many' },
      );
    await expect(login).rejects.toMatchObject({ kind: 'rate-limited' });
    expect(store.isAuthenticated()).toBe(false);
  });

  it('signs out locally even when the server cannot be reached', async () => {
    const login = store.login({ email: 'a@example.com', password: 'x' });
    backend.expectOne('/api/auth/login').flush(meFor('Analyst'));
    await login;
    const logout = store.logout();
    const req = backend.expectOne('/api/auth/logout');
    expect(req.request.headers.get('x-csrf-token')).toBe('csrf');
    req.error(new ProgressEvent('error'), { status: 0 });
    await logout;
    expect(store.isAuthenticated()).toBe(false);
    expect(store.user()).toBeNull();
    expect(store.hasRole('Analyst')).toBe(false);
  });
});
