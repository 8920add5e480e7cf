import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import express, { NextFunction, Request, RequestHandler, Response } from 'express';
import { cspForHtml } from './security-headers';

/** Paths that belong to the server, never to the SPA's router. */
export function isServerPath(path: string): boolean {
  return (
    path === '/api' ||
    path.startsWith('/api/') ||
    path === '/admin/queues' ||
    path.startsWith('/admin/queues/')
  );
}

// Angular's hashed bundles (main-ABCD1234.js) never change; everything else is revalidated.
const HASHED = /-[A-Z0-9]{8,}\.(js|css|woff2?|png|svg|jpg)$/;

/**
 * Serves the built SPA from `dir` with history-API fallback: GET/HEAD of any non-API path that is not a
 * file answers index.html. Works when `dir` doesn't exist (the API then answers 404 for those paths).
 */
export function spaMiddleware(dir: string): RequestHandler {
  const statics = express.static(dir, {
    index: false,
    redirect: false,
    fallthrough: true,
    setHeaders: (res, file) => {
      res.setHeader('Cache-Control', HASHED.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  let cached: { mtimeMs: number; html: string; csp: string } | null = null;
  const index = (): typeof cached => {
    try {
      const file = join(dir, 'index.html');
      const { mtimeMs } = statSync(file);
      if (!cached || cached.mtimeMs !== mtimeMs) {
        const html = readFileSync(file, 'utf8');
        cached = { mtimeMs, html, csp: cspForHtml(html) };
      }
      return cached;
    } catch {
      return null;
    }
  };
  return (req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isServerPath(req.path)) return next();
    statics(req, res, (err?: unknown) => {
      if (err) return next(err);
      const page = index();
      if (!page || !req.accepts('html')) return next();
      res.setHeader('Content-Security-Policy', page.csp);
      res.setHeader('Cache-Control', 'no-cache');
      res.type('html').send(page.html);
    });
  };
}
