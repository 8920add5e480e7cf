import { MeResponse } from '@dqw/shared-types';
import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import {
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AnyRole, Public } from '../../core/auth/access.decorators';
import { CurrentPrincipal } from '../../core/auth/current-principal.decorator';
import { Principal } from '../../core/auth/principal';
import { AppConfig } from '../../core/config/config';
import { InjectConfig } from '../../core/config/config.module';
import { ErrorBodyDto } from '../../core/http/error-body.dto';
import { AuthService } from './auth.service';
import { ChangePasswordDto, LoginDto } from './dto/auth.dto';
import { MeResult } from './dto/responses.dto';
import { clearSessionCookie, setSessionCookie } from './session-cookie';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in: sets the HttpOnly session cookie and returns the user and the CSRF token',
  })
  @ApiOkResponse({ type: MeResult })
  @ApiUnauthorizedResponse({
    description: 'Wrong email or password (or locked/deactivated)',
    type: ErrorBodyDto,
  })
  @ApiTooManyRequestsResponse({
    description: 'Too many attempts from this IP or for this account',
    type: ErrorBodyDto,
  })
  async login(
    @Body() dto: LoginDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MeResponse> {
    const ua = req.headers['user-agent'] ?? null;
    const { me, sessionSecret } = await this.auth.login(dto.email, dto.password, ua);
    setSessionCookie(req, res, sessionSecret, this.config);
    return me;
  }

  @Post('logout')
  @AnyRole()
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out: ends the session and clears the cookie' })
  @ApiNoContentResponse({ description: 'Signed out' })
  async logout(
    @CurrentPrincipal() p: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    await this.auth.logout(p);
    if (p.method === 'session') clearSessionCookie(req, res, this.config);
  }

  @Get('me')
  @AnyRole()
  @ApiOperation({ summary: 'The signed-in user, how they authenticated, and the CSRF token for sessions' })
  @ApiOkResponse({ type: MeResult })
  me(@CurrentPrincipal() p: Principal): Promise<MeResponse> {
    return this.auth.me(p);
  }

  @Post('password')
  @AnyRole()
  @HttpCode(204)
  @ApiOperation({ summary: 'Change your own password (ends your other sessions)' })
  @ApiNoContentResponse({ description: 'Password changed' })
  async changePassword(@CurrentPrincipal() p: Principal, @Body() dto: ChangePasswordDto): Promise<void> {
    await this.auth.changePassword(p, dto.currentPassword, dto.newPassword);
  }
}
