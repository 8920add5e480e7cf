import { ApiTokenDto, CreatedTokenResponse, Paged } from '@dqw/shared-types';
import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AnyRole } from '../../core/auth/access.decorators';
import { CurrentPrincipal } from '../../core/auth/current-principal.decorator';
import { Principal } from '../../core/auth/principal';
import { ErrorBodyDto } from '../../core/http/error-body.dto';
import { PageQueryDto } from '../../core/http/page-query.dto';
import { CreatedTokenResult, TokenPage } from './dto/responses.dto';
import { CreateTokenDto } from './dto/token.dto';
import { TokensService } from './tokens.service';

@ApiTags('auth')
@Controller('auth/tokens')
@AnyRole()
export class TokensController {
  constructor(private readonly tokens: TokensService) {}

  @Get()
  @ApiOperation({ summary: 'Your personal API tokens (never the secrets), newest first' })
  @ApiOkResponse({ type: TokenPage })
  list(@CurrentPrincipal() p: Principal, @Query() q: PageQueryDto): Promise<Paged<ApiTokenDto>> {
    return this.tokens.list(p.userId, q);
  }

  @Post()
  @ApiOperation({ summary: 'Create a personal API token; the secret is in this answer only' })
  @ApiCreatedResponse({ type: CreatedTokenResult })
  create(@CurrentPrincipal() p: Principal, @Body() dto: CreateTokenDto): Promise<CreatedTokenResponse> {
    return this.tokens.create(p.userId, dto.name, dto.expiresAt);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke one of your tokens' })
  @ApiNoContentResponse({ description: 'Revoked (also when it already was)' })
  @ApiNotFoundResponse({ description: 'No such token of yours', type: ErrorBodyDto })
  async revoke(@CurrentPrincipal() p: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.tokens.revoke(p.userId, id);
  }
}
