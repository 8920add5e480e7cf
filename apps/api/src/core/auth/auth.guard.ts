import { timingSafeEqual } from 'node:crypto';
import { CSRF_HEADER, Roles as RoleNames } from '@dqw/shared-types';
import { CanActivate, ExecutionContext, Inject, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { ForbiddenError, UnauthenticatedError } from '../http/domain-errors';
import { RequestWithContext } from '../http/request-context';
import { AccessRule, ACCESS_KEY } from './access.decorators';
import { AUTHENTICATOR, Authenticator } from './authenticator';
import { Principal } from './principal';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Global guard, deny by default: a route must declare @Public() or @Roles(...). Authenticates by
 * Bearer token or session cookie, enforces CSRF for cookie sessions on unsafe methods, checks the role.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);

  constructor(
    private readonly reflector: Reflector,
    @Inject(AUTHENTICATOR) private readonly authenticator: Authenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    const req = context.switchToHttp().getRequest<RequestWithContext>();
    if (!rule) {
      this.logger.error(`${req.method} ${req.path} declares no access rule (@Roles/@Public); refused`);
      throw new ForbiddenError('This route declares no access rule');
    }
    if (rule.public) return true;

    const result = await this.authenticator.authenticate(req, context.switchToHttp().getResponse<Response>());
    if (result === null) throw new UnauthenticatedError('Sign in or send an API token');
    if (result === 'invalid')
      throw new UnauthenticatedError('Your session or token is invalid or has expired');
    this.checkCsrf(req, result);
    if (result.role !== RoleNames.Admin && !rule.roles.includes(result.role)) {
      throw new ForbiddenError(`The ${result.role} role may not do this`);
    }
    if (req.ctx) req.ctx.principal = result;
    return true;
  }

  private checkCsrf(req: RequestWithContext, p: Principal): void {
    if (p.method !== 'session' || SAFE_METHODS.has(req.method)) return;
    const sent = req.headers[CSRF_HEADER];
    if (typeof sent !== 'string' || !p.csrfToken || !sameSecret(sent, p.csrfToken)) {
      throw new ForbiddenError(
        `Missing or invalid CSRF token (send the csrfToken from /api/auth/me in ${CSRF_HEADER})`,
      );
    }
  }
}
