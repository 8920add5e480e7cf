import type { Request, Response } from 'express';
import { Principal } from './principal';

/**
 * Resolves credentials to a Principal. Implemented by the users module (sessions and tokens live
 * there); the guard in core only depends on this interface.
 */
export interface Authenticator {
  /**
   * `null` when the request carries no credentials; `'invalid'` when it carries credentials that are
   * wrong, expired, revoked or belong to an inactive user.
   */
  authenticate(req: Request, res: Response): Promise<Principal | 'invalid' | null>;
}

export const AUTHENTICATOR = Symbol('AUTHENTICATOR');
