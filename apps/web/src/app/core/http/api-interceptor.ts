import {
  HttpErrorResponse,
  HttpEvent,
  HttpHandlerFn,
  HttpInterceptorFn,
  HttpRequest,
} from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { CSRF_HEADER } from '@dqw/shared-types';
import { Observable, catchError, from, switchMap, throwError } from 'rxjs';
import { AuthStore } from '../auth/auth-store';
import { ToastService } from '../notify/toast-service';
import { ApiProblem, problemFromResponse } from './api-problem';
import { SHOW_ERRORS_INLINE } from './http-context';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Requests whose 401 means "wrong credentials" or "not signed in yet", not "your session ended". */
const AUTH_PROBES = ['/api/auth/login', '/api/auth/me'];

export function isApiUrl(url: string): boolean {
  return url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');
}

/**
 * Every call to our API: sends the session cookie, adds the CSRF token on unsafe methods, and turns
 * failures into an {@link ApiProblem} with plain words. A 401 ends the local session and returns to the
 * login page; failed changes (POST/PUT/PATCH/DELETE) are announced in a toast unless the caller shows
 * errors inline. Failed reads are left to the page, which has a place to show them.
 */
export const apiInterceptor: HttpInterceptorFn = (req, next) => {
  if (!isApiUrl(req.url)) return next(req);
  const auth = inject(AuthStore);
  const router = inject(Router);
  const toasts = inject(ToastService);

  return send(req, next, auth).pipe(
    catchError((error: unknown) => {
      if (!(error instanceof HttpErrorResponse)) return throwError(() => error);
      if (error.status === 403 && isCsrfRejection(error) && UNSAFE_METHODS.has(req.method)) {
        // The token rotated (server restart, new session): fetch a fresh one and retry once.
        return from(auth.refresh()).pipe(
          switchMap(() => send(req, next, auth)),
          catchError((retryError: unknown) => throwError(() => handle(retryError))),
        );
      }
      return throwError(() => handle(error));
    }),
  );

  function handle(error: unknown): unknown {
    if (!(error instanceof HttpErrorResponse)) return error;
    const problem = problemFromResponse(error);
    if (problem.kind === 'unauthenticated' && !AUTH_PROBES.some((p) => req.url.startsWith(p))) {
      sessionEnded(problem);
      return problem;
    }
    if (UNSAFE_METHODS.has(req.method) && !req.context.get(SHOW_ERRORS_INLINE)) {
      toasts.error(problem.message);
    }
    return problem;
  }

  function sessionEnded(_problem: ApiProblem): void {
    const wasSignedIn = auth.isAuthenticated();
    auth.signedOut();
    if (wasSignedIn) toasts.show('warning', 'Your session has ended. Please sign in again.');
    const current = router.url;
    if (!current.startsWith('/login')) {
      void router.navigate(['/login'], { queryParams: { returnUrl: current } });
    }
  }
};

function send(
  req: HttpRequest<unknown>,
  next: HttpHandlerFn,
  auth: AuthStore,
): Observable<HttpEvent<unknown>> {
  const token = auth.csrfToken();
  const withCsrf =
    UNSAFE_METHODS.has(req.method) && token ? req.headers.set(CSRF_HEADER, token) : req.headers;
  return next(req.clone({ withCredentials: true, headers: withCsrf }));
}

function isCsrfRejection(error: HttpErrorResponse): boolean {
  const body: unknown = error.error;
  const text =
    typeof body === 'string'
      ? body
      : body && typeof body === 'object'
        ? `${(body as { message?: unknown }).message ?? ''} ${(body as { error?: unknown }).error ?? ''}`
        : '';
  return /csrf/i.test(text);
}
