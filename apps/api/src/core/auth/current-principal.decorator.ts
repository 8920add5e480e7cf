import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { UnauthenticatedError } from '../http/domain-errors';
import { RequestWithContext } from '../http/request-context';
import { Principal } from './principal';

/** The authenticated caller of a @Roles route. */
export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const p = ctx.switchToHttp().getRequest<RequestWithContext>().ctx?.principal;
  if (!p) throw new UnauthenticatedError('Sign in or send an API token');
  return p;
});
