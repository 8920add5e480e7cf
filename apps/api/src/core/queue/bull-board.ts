import { Roles } from '@dqw/shared-types';
import type { INestApplication } from '@nestjs/common';
import { createBullBoard } from '@bull-board/api';
import { BullAdapter } from '@bull-board/api/bullAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { NextFunction, Request, Response } from 'express';
import { AUTHENTICATOR, type Authenticator } from '../auth/authenticator';
import { BullQueueBackend } from './bull.backend';
import { JobQueue } from './job-queue.service';

export const BULL_BOARD_PATH = '/admin/queues';

/**
 * Mounts bull-board for Admins at /admin/queues. It lives outside Nest's router, so it checks the
 * session (or token) itself: anonymous browsers are sent to the sign-in page, other roles get 403.
 */
export function mountBullBoard(app: INestApplication): void {
  const authenticator = app.get<Authenticator>(AUTHENTICATOR);
  const queue = app.get(JobQueue);
  const guard = async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      const who = await authenticator.authenticate(req, res);
      if (who === null || who === 'invalid') {
        if (req.method === 'GET' && req.accepts(['html', 'json']) === 'html') {
          res.redirect(302, `/login?returnUrl=${encodeURIComponent(req.originalUrl)}`);
        } else {
          res.status(401).json({ statusCode: 401, error: 'Unauthorized', message: 'Sign in as an Admin' });
        }
        return;
      }
      if (who.role !== Roles.Admin) {
        res
          .status(403)
          .json({ statusCode: 403, error: 'Forbidden', message: 'The queue board is for Admins' });
        return;
      }
      // Its actions (retry, clean) are POSTs from its own page: refuse cross-origin ones.
      const origin = req.headers.origin;
      if (req.method !== 'GET' && origin && new URL(origin).host !== req.headers.host) {
        res
          .status(403)
          .json({ statusCode: 403, error: 'Forbidden', message: 'Cross-origin request refused' });
        return;
      }
      next();
    } catch (e) {
      next(e);
    }
  };

  const backend = queue.backend;
  if (!(backend instanceof BullQueueBackend)) {
    app.use(BULL_BOARD_PATH, guard, (_req: Request, res: Response) => {
      res
        .status(200)
        .type('html')
        .send(
          '<!doctype html><html lang="en"><title>Queues</title><body><main><h1>Queues</h1><p>Embedded mode runs jobs inside the API process, so there is no Redis queue board. Counts are at <a href="/api/queues">/api/queues</a>.</p></main></body></html>',
        );
    });
    return;
  }
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(BULL_BOARD_PATH);
  createBullBoard({
    queues: [...backend.queues.values()].map((q) => new BullAdapter(q)),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Watchtower queues' } },
  });
  app.use(BULL_BOARD_PATH, guard, serverAdapter.getRouter());
}
