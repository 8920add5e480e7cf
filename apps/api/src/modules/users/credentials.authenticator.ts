import { SESSION_COOKIE } from '@dqw/shared-types';
import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Authenticator } from '../../core/auth/authenticator';
import { Principal } from '../../core/auth/principal';
import { AppConfig } from '../../core/config/config';
import { InjectConfig } from '../../core/config/config.module';
import { clearSessionCookie, setSessionCookie } from './session-cookie';
import { SessionsService } from './sessions.service';
import { TokensService } from './tokens.service';

/** Bearer token first (API clients), then the session cookie (the SPA). */
@Injectable()
export class CredentialsAuthenticator implements Authenticator {
  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly sessions: SessionsService,
    private readonly tokens: TokensService,
  ) {}

  async authenticate(req: Request, res: Response): Promise<Principal | 'invalid' | null> {
    const header = req.headers.authorization;
    if (header !== undefined) {
      const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
      const found = m ? await this.tokens.resolve(m[1]) : null;
      if (!found) return 'invalid';
      const { user, token } = found;
      return {
        userId: user.id,
        email: user.email,
        displayName: user.displayName,
        role: user.role,
        method: 'token',
        sessionId: null,
        tokenId: token.id,
        csrfToken: null,
      };
    }
    const cookie: unknown = (req.cookies as Record<string, unknown> | undefined)?.[SESSION_COOKIE];
    if (typeof cookie !== 'string' || cookie === '') return null;
    const found = await this.sessions.resolve(cookie);
    if (!found) {
      clearSessionCookie(req, res, this.config);
      return 'invalid';
    }
    if (found.extended) setSessionCookie(req, res, cookie, this.config);
    const { user, session } = found;
    return {
      userId: user.id,
      email: user.email,
      displayName: user.displayName,
      role: user.role,
      method: 'session',
      sessionId: session.id,
      tokenId: null,
      csrfToken: session.csrfToken,
    };
  }
}
