import { createHash } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

type Directives = Record<string, string[]>;

/** CSP for the Angular SPA and Swagger UI: scripts only from this origin, inline styles allowed (Angular). */
export const BASE_CSP: Directives = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'worker-src': ["'self'", 'blob:'],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

export function serializeCsp(d: Directives): string {
  return Object.entries(d)
    .map(([k, v]) => `${k} ${v.join(' ')}`)
    .join('; ');
}

const sha = (s: string): string => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;

/**
 * The SPA's index.html may contain inline scripts or event handlers (Angular's critical-CSS loader
 * uses `onload="this.media='all'"`). Rather than allowing all inline code, allow exactly those by hash.
 */
export function cspForHtml(html: string): string {
  const scripts = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)]
    .map((m) => m[1])
    .filter(Boolean);
  const handlers = [...html.matchAll(/\son[a-z]+="([^"]*)"/gi)].map((m) => m[1]);
  const extra = [...new Set([...scripts, ...handlers])].map(sha);
  const scriptSrc = [...BASE_CSP['script-src'], ...(handlers.length ? ["'unsafe-hashes'"] : []), ...extra];
  return serializeCsp({ ...BASE_CSP, 'script-src': scriptSrc });
}

/** Helmet with our CSP; HSTS only on requests that really came over TLS. */
export function securityHeaders(): RequestHandler[] {
  const h = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: BASE_CSP },
    strictTransportSecurity: false,
  });
  const hsts = (req: Request, res: Response, next: NextFunction): void => {
    if (req.secure) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    next();
  };
  return [h, hsts];
}
