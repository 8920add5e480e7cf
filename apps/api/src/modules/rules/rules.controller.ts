import { Paged, Roles as R, RuleDetailDto, RuleVersionDto, RunRulesResponse } from '@dqw/shared-types';
import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { AnyRole, Roles } from '../../core/auth/access.decorators';
import { CurrentPrincipal } from '../../core/auth/current-principal.decorator';
import type { Principal } from '../../core/auth/principal';
import { ErrorBodyDto } from '../../core/http/error-body.dto';
import { PageQueryDto } from '../../core/http/page-query.dto';
import { currentRequestContext } from '../../core/http/request-context';
import {
  CreateRuleDto,
  PreviewRuleDto,
  RuleListQueryDto,
  UpdateRuleDto,
  ValidateRuleDto,
} from './dto/rule-requests.dto';
import {
  PreviewRuleResult,
  RulePage,
  RuleResponse,
  RuleVersionPage,
  RunRulesResult,
  ValidateRuleResult,
} from './dto/rule-responses.dto';
import { RunRulesDto } from './dto/run-requests.dto';
import { RuleChecksService } from './rule-checks.service';
import { toRuleDto } from './rule.mapper';
import { RulesService } from './rules.service';
import { RunsService } from './runs/runs.service';

/** Read-only POSTs (validate, preview) change nothing, so they leave no audit entry. */
function notAudited(): void {
  const ctx = currentRequestContext();
  if (ctx) ctx.audited = true;
}

@ApiTags('rules')
@Controller('rules')
export class RulesController {
  constructor(
    private readonly rules: RulesService,
    private readonly checks: RuleChecksService,
    private readonly runs: RunsService,
  ) {}

  @Get()
  @AnyRole()
  @ApiOperation({ summary: 'List rules (filter by dataset, type, severity, active, text), newest first' })
  @ApiOkResponse({ type: RulePage })
  list(@Query() q: RuleListQueryDto): Promise<Paged<RuleDetailDto>> {
    return this.rules.list(q);
  }

  @Post()
  @Roles(R.DataEngineer)
  @ApiOperation({ summary: 'Create a rule; the DSL is checked against the dataset’s schema' })
  @ApiCreatedResponse({ type: RuleResponse })
  @ApiBadRequestResponse({
    type: ErrorBodyDto,
    description: 'Invalid DSL (positions in details), column or cron',
  })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'No such dataset' })
  async create(@Body() dto: CreateRuleDto, @CurrentPrincipal() p: Principal): Promise<RuleDetailDto> {
    return toRuleDto(await this.rules.create(dto, p));
  }

  @Post('validate')
  @HttpCode(200)
  @AnyRole()
  @ApiOperation({ summary: 'Check rule text (and its fit to a dataset) without saving it' })
  @ApiOkResponse({ type: ValidateRuleResult })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'No such dataset' })
  validate(@Body() dto: ValidateRuleDto) {
    notAudited();
    return this.checks.validate(dto.dsl, dto.datasetId);
  }

  @Post('preview')
  @HttpCode(200)
  @AnyRole()
  @ApiOperation({ summary: 'Dry run: the rule on a bounded sample of the current version, nothing stored' })
  @ApiOkResponse({ type: PreviewRuleResult })
  @ApiBadRequestResponse({ type: ErrorBodyDto, description: 'Invalid DSL (positions in details)' })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'No such dataset' })
  preview(@Body() dto: PreviewRuleDto) {
    notAudited();
    return this.checks.preview(dto);
  }

  @Post('run')
  @HttpCode(202)
  @Roles(R.DataEngineer)
  @ApiOperation({
    summary: 'Queue runs: the given rules, or every active rule of a dataset (one scan per dataset version)',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Repeats with the same key and body get the same runs (422 for another body)',
  })
  @ApiAcceptedResponse({ type: RunRulesResult })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'No such rule or dataset' })
  @ApiResponse({ status: 422, type: ErrorBodyDto, description: 'Idempotency-Key reused with another body' })
  @ApiResponse({ status: 503, type: ErrorBodyDto, description: 'The job queue (Redis) is unreachable' })
  run(
    @Body() dto: RunRulesDto,
    @CurrentPrincipal() p: Principal,
    @Headers('idempotency-key') key?: string,
  ): Promise<RunRulesResponse> {
    return this.runs.request(dto, p, key);
  }

  @Get(':id')
  @AnyRole()
  @ApiOperation({ summary: 'One rule' })
  @ApiOkResponse({ type: RuleResponse })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'No such rule' })
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<RuleDetailDto> {
    return toRuleDto(await this.rules.get(id));
  }

  @Get(':id/versions')
  @AnyRole()
  @ApiOperation({ summary: 'History of a rule: every version, newest first' })
  @ApiOkResponse({ type: RuleVersionPage })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'No such rule' })
  versions(@Param('id', ParseUUIDPipe) id: string, @Query() q: PageQueryDto): Promise<Paged<RuleVersionDto>> {
    return this.rules.history(id, q);
  }

  @Patch(':id')
  @Roles(R.DataEngineer)
  @ApiOperation({ summary: 'Change a rule; every change makes a new version' })
  @ApiOkResponse({ type: RuleResponse })
  @ApiBadRequestResponse({ type: ErrorBodyDto, description: 'Invalid DSL, column or cron' })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'No such rule' })
  async update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateRuleDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<RuleDetailDto> {
    return toRuleDto(await this.rules.update(id, dto, p));
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles(R.DataEngineer)
  @ApiOperation({ summary: 'Delete a rule (its runs and history are kept)' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'No such rule' })
  async remove(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.rules.remove(id);
  }
}
