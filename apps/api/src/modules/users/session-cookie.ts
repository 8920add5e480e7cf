import { SESSION_COOKIE } from '@dqw/shared-types';
import type { CookieOptions, Request, Response } from 'express';
import { AppConfig } from '../../core/config/config';

function options(req: Request, config: AppConfig): CookieOptions {
  return {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.cookieSecure === 'auto' ? req.secure : config.cookieSecure,
    path: '/',
  };
}

export function setSessionCookie(req: Request, res: Response, value: string, config: AppConfig): void {
  res.cookie(SESSION_COOKIE, value, { ...options(req, config), maxAge: config.sessionTtlHours * 3_600_000 });
}

export function clearSessionCookie(req: Request, res: Response, config: AppConfig): void {
  res.clearCookie(SESSION_COOKIE, options(req, config));
}
