import { Roles } from '@dqw/shared-types';
import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { Public } from '../../core/auth/access.decorators';
import { AUTHENTICATOR, type Authenticator } from '../../core/auth/authenticator';
import type { AppConfig } from '../../core/config/config';
import { InjectConfig } from '../../core/config/config.module';
import { ForbiddenError, UnauthenticatedError } from '../../core/http/domain-errors';
import { MetricsService } from './metrics.service';

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

@ApiTags('metrics')
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    @InjectConfig() private readonly config: AppConfig,
    @Inject(AUTHENTICATOR) private readonly authenticator: Authenticator,
  ) {}

  /**
   * Public at the guard because a Prometheus scraper carries METRICS_TOKEN, which is not a user's API
   * token; the handler checks it, or an Admin's session/token, itself.
   */
  @Get()
  @Public()
  @ApiOperation({
    summary:
      'Prometheus metrics: runs, run durations, queue depths, HTTP latencies (Admins or METRICS_TOKEN)',
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text exposition format 0.0.4' })
  async scrape(@Req() req: Request, @Res() res: Response): Promise<void> {
    const header = req.headers.authorization;
    const bearer = header && /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
    const byToken = !!bearer && !!this.config.metricsToken && sameSecret(bearer, this.config.metricsToken);
    if (!byToken) {
      const who = await this.authenticator.authenticate(req, res);
      if (who === null || who === 'invalid') {
        throw new UnauthenticatedError('Send the METRICS_TOKEN as a Bearer token, or sign in as an Admin');
      }
      if (who.role !== Roles.Admin) throw new ForbiddenError('Metrics are for Admins and the metrics token');
    }
    res
      .status(200)
      .type('text/plain; version=0.0.4; charset=utf-8')
      .send(await this.metrics.render());
  }
}
