import {
  Roles as R,
  type CreatedNotificationChannelDto,
  type NotificationChannelDto,
  type NotificationDeliveryDto,
  type Paged,
} from '@dqw/shared-types';
import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Roles } from '../../../core/auth/access.decorators';
import { CurrentPrincipal } from '../../../core/auth/current-principal.decorator';
import type { Principal } from '../../../core/auth/principal';
import { ErrorBodyDto } from '../../../core/http/error-body.dto';
import { PageQueryDto } from '../../../core/http/page-query.dto';
import { toChannelDto } from './channel.mapper';
import { ChannelsService } from './channels.service';
import {
  ChannelPage,
  ChannelResponse,
  CreatedChannelResponse,
  DeliveryPage,
  DeliveryResponse,
} from './dto/channel-responses.dto';
import { CreateChannelDto, DeliveryQueryDto, UpdateChannelDto } from './dto/channel.dto';

@ApiTags('notifications')
@Controller('notification-channels')
@Roles(R.Admin)
export class ChannelsController {
  constructor(private readonly channels: ChannelsService) {}

  @Get()
  @ApiOperation({ summary: 'Notification channels (secrets are never returned)' })
  @ApiOkResponse({ type: ChannelPage })
  list(@Query() q: PageQueryDto): Promise<Paged<NotificationChannelDto>> {
    return this.channels.list(q);
  }

  @Post()
  @ApiOperation({
    summary: 'Create a webhook, Slack or email channel; targets must be public unless allow-listed',
  })
  @ApiCreatedResponse({ type: CreatedChannelResponse })
  @ApiBadRequestResponse({
    type: ErrorBodyDto,
    description: 'Not http(s), a private/loopback/link-local/metadata target, missing settings',
  })
  create(
    @Body() dto: CreateChannelDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<CreatedNotificationChannelDto> {
    return this.channels.create(dto, p);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One channel' })
  @ApiOkResponse({ type: ChannelResponse })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'No such channel' })
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<NotificationChannelDto> {
    return toChannelDto(await this.channels.get(id));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a channel (name, events, minimum severity, target, secret, enabled)' })
  @ApiOkResponse({ type: ChannelResponse })
  @ApiBadRequestResponse({ type: ErrorBodyDto, description: 'Invalid or refused target' })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'No such channel' })
  update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateChannelDto,
  ): Promise<NotificationChannelDto> {
    return this.channels.update(id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a channel and its delivery log' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'No such channel' })
  async remove(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.channels.remove(id);
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: 'Delivery log: every notification sent to the channel, with each attempt' })
  @ApiOkResponse({ type: DeliveryPage })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'No such channel' })
  deliveries(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() q: DeliveryQueryDto,
  ): Promise<Paged<NotificationDeliveryDto>> {
    return this.channels.deliveriesOf(id, q);
  }

  @Post(':id/test')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a test message now (one attempt, bounded by NOTIFY_TIMEOUT_MS)' })
  @ApiOkResponse({
    type: DeliveryResponse,
    description: 'The delivery: status sent or failed, with the attempt',
  })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'No such channel' })
  test(@Param('id', ParseUUIDPipe) id: string): Promise<NotificationDeliveryDto> {
    return this.channels.sendTest(id);
  }
}
