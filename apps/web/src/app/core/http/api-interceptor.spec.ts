import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { MeResponse } from '@dqw/shared-types';
import { firstValueFrom } from 'rxjs';
import { AuthStore } from '../auth/auth-store';
import { ToastService } from '../notify/toast-service';
import { ApiProblem } from './api-problem';
import { apiInterceptor, isApiUrl } from './api-interceptor';
import { inlineErrors } from './http-context';

const ME: MeResponse = {
  user: {
    id: 'u1',
    email: 'admin@example.com',
    displayName: 'Admin',
    role: 'Admin',
    active: true,
    locked: false,
    lastLoginAt: null,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
  },
  csrfToken: 'csrf-123',
  authMethod: 'session',
};

describe('apiInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let auth: AuthStore;
  let toasts: ToastService;
  let router: Router;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([apiInterceptor])),
        provideHttpClientTesting(),
        provideRouter([]),
      ],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
    auth = TestBed.inject(AuthStore);
    toasts = TestBed.inject(ToastService);
    router = TestBed.inject(Router);
    vi.spyOn(router, 'navigate').mockResolvedValue(true);
    // Sign in through the real store so the CSRF token comes from a /me answer.
    const loaded = auth.ensureLoaded();
    backend.expectOne('/api/auth/me').flush(ME);
    await loaded;
  });

  afterEach(() => backend.verify());

  it('sends credentials on API calls and adds the CSRF token only on unsafe methods', () => {
    http.get('/api/users').subscribe();
    http.post('/api/users', {}).subscribe();
    http.delete('/api/auth/tokens/1').subscribe();
    const get = backend.expectOne((r) => r.method === 'GET' && r.url === '/api/users');
    const post = backend.expectOne((r) => r.method === 'POST');
    const del = backend.expectOne((r) => r.method === 'DELETE');
    expect(get.request.withCredentials).toBe(true);
    expect(get.request.headers.has('x-csrf-token')).toBe(false);
    expect(post.request.withCredentials).toBe(true);
    expect(post.request.headers.get('x-csrf-token')).toBe('csrf-123');
    expect(del.request.headers.get('x-csrf-token')).toBe('csrf-123');
    [get, post, del].forEach((r) => r.flush({}));
  });

  it('leaves requests to other origins alone', () => {
    expect(isApiUrl('https://example.com/api/users')).toBe(false);
    expect(isApiUrl('/apiary')).toBe(false);
    http.post('https://example.com/hook', {}).subscribe();
    const req = backend.expectOne('https://example.com/hook');
    expect(req.request.withCredentials).toBe(false);
    expect(req.request.headers.has('x-csrf-token')).toBe(false);
    req.flush({});
  });

  it('on 401 signs out locally and returns to the login page with the current URL', async () => {
    vi.spyOn(router, 'url', 'get').mockReturnValue('/audit?page=2');
    const result = firstValueFrom(http.get('/api/audit'));
    backend
      .expectOne('/api/audit')
      .flush(
        { statusCode: 401, error: 'Unauthorized', message: 'x' },
        { status: 401, statusText: 'Unauthorized' },
      );
    await expect(result).rejects.toBeInstanceOf(ApiProblem);
    expect(auth.isAuthenticated()).toBe(false);
    expect(router.navigate).toHaveBeenCalledWith(['/login'], { queryParams: { returnUrl: '/audit?page=2' } });
    expect(toasts.toasts().map((t) => t.text)).toContain('Your session has ended. Please sign in again.');
  });

  it('does not treat a failed login (401) as an ended session', async () => {
    const result = firstValueFrom(http.post('/api/auth/login', {}, { context: inlineErrors() }));
    backend
      .expectOne('/api/auth/login')
      .flush(
        { statusCode: 401, error: 'Unauthorized', message: 'Invalid credentials' },
        { status: 401, statusText: 'Unauthorized' },
      );
    await expect(result).rejects.toMatchObject({ kind: 'unauthenticated' });
    expect(router.navigate).not.toHaveBeenCalled();
    expect(toasts.toasts()).toEqual([]);
  });

  it('announces a failed change in a toast: 403 as "no access", 0 as "can\'t reach the server"', async () => {
    const forbidden = firstValueFrom(http.patch('/api/users/2', {}));
    backend
      .expectOne('/api/users/2')
      .flush(
        { statusCode: 403, error: 'Forbidden', message: 'no' },
        { status: 403, statusText: 'Forbidden' },
      );
    await expect(forbidden).rejects.toMatchObject({ kind: 'forbidden' });

    const offline = firstValueFrom(http.post('/api/users', {}));
    backend.expectOne('/api/users').error(new ProgressEvent('error'), { status: 0 });
    await expect(offline).rejects.toMatchObject({ kind: 'offline' });

    const texts = toasts.toasts().map((t) => t.text);
    expect(texts).toContain("You don't have access to this. Ask an administrator if you need it.");
    expect(texts).toContain("Can't reach the server. Check your connection, then try again.");
  });

  it('leaves failed reads and inline-handled forms to the page (no toast)', async () => {
    const read = firstValueFrom(http.get('/api/users'));
    backend.expectOne('/api/users').flush(null, { status: 500, statusText: 'Error' });
    await expect(read).rejects.toMatchObject({ kind: 'server' });

    const form = firstValueFrom(http.post('/api/users', {}, { context: inlineErrors() }));
    backend.expectOne('/api/users').flush(
      {
        statusCode: 400,
        error: 'Bad Request',
        message: 'x',
        details: [{ field: 'email', message: 'taken' }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await expect(form).rejects.toMatchObject({ kind: 'validation', fieldErrors: { email: 'taken' } });
    expect(toasts.toasts()).toEqual([]);
  });

  it('after a CSRF rejection fetches a fresh token and retries the change once', async () => {
    const result = firstValueFrom(http.post('/api/auth/tokens', { name: 'ci' }));
    backend
      .expectOne('/api/auth/tokens')
      .flush(
        { statusCode: 403, error: 'Forbidden', message: 'Invalid CSRF token' },
        { status: 403, statusText: 'Forbidden' },
      );
    backend.expectOne('/api/auth/me').flush({ ...ME, csrfToken: 'csrf-new' });
    const retry = await vi.waitFor(() => backend.expectOne('/api/auth/tokens'));
    expect(retry.request.headers.get('x-csrf-token')).toBe('csrf-new');
    retry.flush({ id: 't1' });
    await expect(result).resolves.toEqual({ id: 't1' });
  });
});
