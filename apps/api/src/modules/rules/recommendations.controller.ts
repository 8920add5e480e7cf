import { Roles as R, RuleDetailDto } from '@dqw/shared-types';
import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Roles } from '../../core/auth/access.decorators';
import { CurrentPrincipal } from '../../core/auth/current-principal.decorator';
import type { Principal } from '../../core/auth/principal';
import { ErrorBodyDto } from '../../core/http/error-body.dto';
import { AcceptRecommendationDto } from './dto/rule-requests.dto';
import { RuleResponse } from './dto/rule-responses.dto';
import { RecommendationAcceptance } from './recommendation-acceptance.service';
import { toRuleDto } from './rule.mapper';

/** Accepting a recommendation creates a rule, so it lives with rules (datasets stores the proposals). */
@ApiTags('datasets')
@Controller('datasets/:id/recommendations')
export class RecommendationsController {
  constructor(private readonly acceptance: RecommendationAcceptance) {}

  @Post(':rid/accept')
  @Roles(R.DataEngineer)
  @ApiOperation({ summary: 'Accept a recommendation (optionally edited): creates the rule' })
  @ApiCreatedResponse({ type: RuleResponse })
  @ApiBadRequestResponse({ type: ErrorBodyDto, description: 'Edited DSL is invalid (positions in details)' })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'No such dataset or recommendation' })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'Already accepted' })
  async accept(
    @Param('id', ParseUUIDPipe) datasetId: string,
    @Param('rid', ParseUUIDPipe) rid: string,
    @Body() dto: AcceptRecommendationDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<RuleDetailDto> {
    return toRuleDto(await this.acceptance.accept(datasetId, rid, dto, p));
  }
}
