import express, { NextFunction, Request, RequestHandler, Response } from 'express';
import { bodyParserError, errorBody } from './error-body';
import { RequestWithContext } from './request-context';

/**
 * JSON bodies up to `limit` bytes. Parser errors (malformed JSON, too large) are answered here in the
 * API's error shape, because they happen before Nest's exception filters can see the request.
 */
export function jsonBodyParser(limit: number): RequestHandler {
  const parse = express.json({ limit, strict: true, type: ['application/json', 'application/*+json'] });
  return (req: Request, res: Response, next: NextFunction) => {
    parse(req, res, (err?: unknown) => {
      if (!err) return next();
      const m = bodyParserError(err) ?? { status: 400, message: 'Invalid request body' };
      // Don't keep reading a body we refused; close the connection after answering.
      if (m.status === 413) res.setHeader('Connection', 'close');
      res.status(m.status).json(errorBody(m.status, m.message, undefined, (req as RequestWithContext).id));
    });
  };
}
