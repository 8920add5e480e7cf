import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { Role } from '@dqw/shared-types';
import { AuthStore } from './auth-store';
import { safeReturnUrl } from './return-url';

/** Signed-in users only; others go to the login page, which brings them back afterwards. */
export const authGuard: CanActivateFn = async (_route, state) => {
  const auth = inject(AuthStore);
  const router = inject(Router);
  if (await auth.ensureLoaded()) return true;
  return router.createUrlTree(['/login'], { queryParams: { returnUrl: state.url } });
};

/** The login page is for signed-out users; a signed-in user goes where they were headed. */
export const guestGuard: CanActivateFn = async (route) => {
  const auth = inject(AuthStore);
  const router = inject(Router);
  if (!(await auth.ensureLoaded())) return true;
  return router.parseUrl(safeReturnUrl(route.queryParamMap.get('returnUrl')));
};

/** Only the given roles; anyone else sees the "no access" page. */
export function roleGuard(...roles: Role[]): CanActivateFn {
  return async (_route, state) => {
    const auth = inject(AuthStore);
    const router = inject(Router);
    if (!(await auth.ensureLoaded())) {
      return router.createUrlTree(['/login'], { queryParams: { returnUrl: state.url } });
    }
    if (auth.hasRole(...roles)) return true;
    return router.createUrlTree(['/forbidden'], { queryParams: { from: state.url } });
  };
}
