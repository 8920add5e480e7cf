import { Roles as R, type Paged, type RecommendationDto } from '@dqw/shared-types';
import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AnyRole, Roles } from '../../../core/auth/access.decorators';
import { CurrentPrincipal } from '../../../core/auth/current-principal.decorator';
import type { Principal } from '../../../core/auth/principal';
import { ErrorBodyDto } from '../../../core/http/error-body.dto';
import { DatasetAccess } from '../dataset-access.service';
import { toRecommendationDto } from '../dataset.mapper';
import { RecommendationQueryDto } from '../dto/dataset-requests.dto';
import { RecommendationPage, RecommendationResponse } from '../dto/dataset-responses.dto';
import { RecommendationsService } from './recommendations.service';

/** Listing and dismissing proposals; accepting (which creates a rule) is served by the rules module. */
@ApiTags('datasets')
@Controller('datasets/:id/recommendations')
export class DatasetRecommendationsController {
  constructor(
    private readonly recommendations: RecommendationsService,
    private readonly access: DatasetAccess,
  ) {}

  @Get()
  @AnyRole()
  @ApiOperation({ summary: 'Proposed rules with rationale and confidence (status=all for decided ones too)' })
  @ApiOkResponse({ type: RecommendationPage })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'No such dataset' })
  async list(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() q: RecommendationQueryDto,
  ): Promise<Paged<RecommendationDto>> {
    await this.access.getDataset(id);
    return this.recommendations.list(id, q);
  }

  @Post(':rid/dismiss')
  @HttpCode(200)
  @Roles(R.DataEngineer)
  @ApiOperation({ summary: 'Dismiss a recommendation: never proposed again for that column and rule type' })
  @ApiOkResponse({ type: RecommendationResponse })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'No such dataset or recommendation' })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'Already accepted' })
  async dismiss(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('rid', ParseUUIDPipe) rid: string,
    @CurrentPrincipal() p: Principal,
  ): Promise<RecommendationDto> {
    return toRecommendationDto(await this.recommendations.dismiss(id, rid, p.userId));
  }
}
