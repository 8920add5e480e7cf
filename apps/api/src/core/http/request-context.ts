import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Principal } from '../auth/principal';

/** Per-request facts that services need without being handed the request (audit, logging). */
export interface RequestContext {
  requestId: string;
  ip: string | null;
  principal: Principal | null;
  /** Set once an audit entry was written for this request, so the interceptor doesn't add a generic one. */
  audited: boolean;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

/** Runs `fn` with a context (jobs and tests use this to act as the system or a given principal). */
export function runWithRequestContext<T>(ctx: RequestContext, fn: () => T): T {
  return storage.run(ctx, fn);
}

// Accept a caller's id only when it is short and plain, so it can't inject into logs or headers.
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export type RequestWithContext = Request & { id?: string; ctx?: RequestContext };

/** First middleware: assigns the request id (X-Request-Id accepted and echoed) and opens the context. */
export function requestContextMiddleware(req: Request, res: Response, next: NextFunction): void {
  const header = req.headers['x-request-id'];
  const requestId = typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
  const ctx: RequestContext = { requestId, ip: req.ip ?? null, principal: null, audited: false };
  (req as RequestWithContext).id = requestId;
  (req as RequestWithContext).ctx = ctx;
  res.setHeader('X-Request-Id', requestId);
  storage.run(ctx, next);
}
