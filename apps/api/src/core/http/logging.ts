import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { storage, Store } from 'nestjs-pino/storage';
import pino, { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { AppConfig } from '../config/config';
import { RequestWithContext } from './request-context';

export const ROOT_LOGGER = Symbol('ROOT_LOGGER');

/** JSON logs. Secrets never reach them: request bodies and headers aren't logged, and these paths are redacted. */
export function createRootLogger(config: AppConfig): Logger {
  return pino({
    level: config.logLevel,
    base: { service: 'dqw-api' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
        '*.password',
        '*.newPassword',
        '*.currentPassword',
        '*.token',
        '*.csrfToken',
      ],
      censor: '[REDACTED]',
    },
  });
}

/** Access log with the request id assigned by requestContextMiddleware. */
export function createHttpLogger(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId: (req: IncomingMessage) => (req as unknown as RequestWithContext).id ?? 'unknown',
    customLogLevel: (_req: IncomingMessage, res: ServerResponse, err?: Error) =>
      err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    serializers: {
      req: (r: { id: string; method: string; url: string; remoteAddress?: string }) => ({
        id: r.id,
        method: r.method,
        // Query strings are dropped: they are the one place a client might put something secret.
        path: r.url.split('?')[0],
        remoteAddress: r.remoteAddress,
      }),
      res: (r: { statusCode: number }) => ({ statusCode: r.statusCode }),
    },
  });
}

/** Lets nestjs-pino's PinoLogger log with the request's child logger (and so its request id). */
export function bindRequestLogger(req: Request, _res: Response, next: NextFunction): void {
  const log = (req as Request & { log?: Logger }).log;
  if (log) storage.run(new Store(log), next);
  else next();
}
