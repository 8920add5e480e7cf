import { ALL_ROLES, Role } from '@dqw/shared-types';
import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ErrorBodyDto } from '../http/error-body.dto';

export const ACCESS_KEY = 'dqw:access';

export type AccessRule = { public: true } | { public: false; roles: readonly Role[] };

export const SESSION_SECURITY = 'session';
export const TOKEN_SECURITY = 'token';

/**
 * Declares who may call a route (on the handler or the controller). Admin may always call
 * (DESIGN §8: Admin does everything). A route without `@Roles`/`@Public` is refused by the guard.
 */
export function Roles(...roles: Role[]): MethodDecorator & ClassDecorator {
  if (roles.length === 0) throw new Error('@Roles() needs at least one role; use @Public() for open routes');
  return applyDecorators(
    SetMetadata(ACCESS_KEY, { public: false, roles } satisfies AccessRule),
    ApiCookieAuth(SESSION_SECURITY),
    ApiBearerAuth(TOKEN_SECURITY),
    ApiUnauthorizedResponse({ description: 'Not signed in, or the token is invalid', type: ErrorBodyDto }),
    ApiForbiddenResponse({ description: 'Role not allowed, or CSRF token missing', type: ErrorBodyDto }),
  );
}

/** Any signed-in user. */
export const AnyRole = (): MethodDecorator & ClassDecorator => Roles(...ALL_ROLES);

/** No authentication (login, health). */
export function Public(): MethodDecorator & ClassDecorator {
  return SetMetadata(ACCESS_KEY, { public: true } satisfies AccessRule);
}
