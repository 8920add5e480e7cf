import { Roles as R } from '@dqw/shared-types';
import { Controller, Get, Module, Post } from '@nestjs/common';
import { Roles } from '../../src/core/auth/access.decorators';
import { AuditAction } from '../../src/modules/audit/audit.interceptor';

/** Test-only routes: one without an access declaration, and mutations without their own audit call. */
@Controller('test-probe')
class ProbeController {
  @Get('undeclared')
  undeclared(): { secret: string } {
    return { secret: 'should never be served' };
  }

  @Post('named')
  @Roles(R.Analyst)
  @AuditAction('probe.poke', 'probe')
  named(): { id: string } {
    return { id: 'probe-1' };
  }

  @Post('plain')
  @Roles(R.Analyst)
  plain(): { ok: boolean } {
    return { ok: true };
  }

  @Post('boom')
  @Roles(R.Analyst)
  boom(): never {
    throw new Error('internal detail that must not leak');
  }
}

@Module({ controllers: [ProbeController] })
export class ProbeModule {}
