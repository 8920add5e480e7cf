import { AnyRole } from '../auth/access.decorators';
import { Roles as R, type ServerEvent } from '@dqw/shared-types';
import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { EventBus } from './event-bus';

const HEARTBEAT_MS = 15_000;

/** Whether a signed-in user may see an event: its audience, if any, names their role or them. */
export function visibleTo(event: ServerEvent, p: Principal): boolean {
  const a = event.audience;
  if (!a) return true;
  if (a.userId && a.userId !== p.userId) return false;
  if (a.roles && p.role !== R.Admin && !a.roles.includes(p.role)) return false;
  return true;
}

@ApiTags('events')
@Controller('events')
export class EventsController {
  constructor(private readonly bus: EventBus) {}

  @Get()
  @AnyRole()
  @ApiOperation({
    summary: 'Live event stream (server-sent events): run progress and state, dataset and incident changes',
    description:
      'Each message has `event: <type>` and `data: <ServerEvent JSON>`. A comment line every 15 s keeps proxies from closing the stream; the browser reconnects after 3 s.',
  })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'An open text/event-stream' })
  stream(@CurrentPrincipal() principal: Principal, @Req() req: Request, @Res() res: Response): void {
    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache, no-transform');
    res.setHeader('Connection', 'keep-alive');
    res.setHeader('X-Accel-Buffering', 'no'); // nginx: don't buffer the stream
    res.flushHeaders();
    res.write('retry: 3000\n\n');
    const off = this.bus.subscribe((event) => {
      if (!visibleTo(event, principal)) return;
      res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    req.on('close', () => {
      off();
      clearInterval(heartbeat);
    });
  }
}
