import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { EnvironmentInjector, runInInjectionContext } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import {
  ActivatedRouteSnapshot,
  Router,
  RouterStateSnapshot,
  UrlTree,
  convertToParamMap,
  provideRouter,
} from '@angular/router';
import { Role } from '@dqw/shared-types';
import { authGuard, guestGuard, roleGuard } from './auth-guards';
import { meFor } from '../../testing/fixtures';
import { safeReturnUrl } from './return-url';

describe('route guards', () => {
  let backend: HttpTestingController;
  let router: Router;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    backend = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
  });

  afterEach(() => backend.verify());

  function run(guard: typeof authGuard, url: string, query: Record<string, string> = {}) {
    const route = { queryParamMap: convertToParamMap(query) } as ActivatedRouteSnapshot;
    const state = { url } as RouterStateSnapshot;
    return runInInjectionContext(TestBed.inject(EnvironmentInjector), () => guard(route, state)) as Promise<
      boolean | UrlTree
    >;
  }

  async function signedInAs(role: Role | null, guard: typeof authGuard, url: string, query = {}) {
    const result = run(guard, url, query);
    const me = backend.expectOne('/api/auth/me');
    if (role) me.flush(meFor(role));
    else me.flush(null, { status: 401, statusText: 'Unauthorized' });
    return result;
  }

  it('authGuard sends a signed-out visitor to the login page with the URL they wanted', async () => {
    const result = await signedInAs(null, authGuard, '/users?page=2');
    expect(router.serializeUrl(result as UrlTree)).toBe('/login?returnUrl=%2Fusers%3Fpage%3D2');
  });

  it('authGuard lets a signed-in user through', async () => {
    expect(await signedInAs('Analyst', authGuard, '/dashboard')).toBe(true);
  });

  it('roleGuard lets the named roles in and shows the others the "no access" page', async () => {
    expect(await signedInAs('Admin', roleGuard('Admin'), '/audit')).toBe(true);
  });

  it('roleGuard refuses an Analyst on an Admin-only page', async () => {
    const result = await signedInAs('Analyst', roleGuard('Admin'), '/users');
    expect(router.serializeUrl(result as UrlTree)).toBe('/forbidden?from=%2Fusers');
  });

  it('roleGuard sends a signed-out visitor to login first', async () => {
    const result = await signedInAs(null, roleGuard('Admin'), '/audit');
    expect(router.serializeUrl(result as UrlTree)).toBe('/login?returnUrl=%2Faudit');
  });

  it('guestGuard shows the login page to visitors and sends signed-in users on', async () => {
    expect(await signedInAs(null, guestGuard, '/login')).toBe(true);
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    backend = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
    const result = await signedInAs('Analyst', guestGuard, '/login?returnUrl=/tokens', {
      returnUrl: '/tokens',
    });
    expect(router.serializeUrl(result as UrlTree)).toBe('/tokens');
  });
});

describe('safeReturnUrl', () => {
  it('accepts in-app paths only', () => {
    expect(safeReturnUrl('/audit?page=2')).toBe('/audit?page=2');
    for (const bad of [
      'https://evil.example',
      '//evil.example',
      '/\\evil.example',
      'javascript:alert(1)',
      '',
      null,
      42,
      '/login',
      '/login?returnUrl=/x',
    ]) {
      expect(safeReturnUrl(bad), String(bad)).toBe('/dashboard');
    }
  });
});
