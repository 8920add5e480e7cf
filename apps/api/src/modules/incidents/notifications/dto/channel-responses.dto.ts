import {
  NOTIFICATION_CHANNEL_TYPES,
  NOTIFICATION_EVENTS,
  SEVERITIES,
  type CreatedNotificationChannelDto,
  type EmailChannelSettings,
  type NotificationAttemptDto,
  type NotificationChannelDto,
  type NotificationChannelType,
  type NotificationDeliveryDto,
  type NotificationDeliveryStatus,
  type NotificationEvent,
  type Paged,
  type Severity,
} from '@dqw/shared-types';
import { ApiProperty } from '@nestjs/swagger';

class EmailSettingsResponse implements EmailChannelSettings {
  @ApiProperty({ description: 'SMTP host' }) host!: string;
  @ApiProperty({ description: 'SMTP port' }) port!: number;
  @ApiProperty({ description: 'TLS from the first byte' }) secure!: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'SMTP user' }) username!: string | null;
  @ApiProperty({ description: 'Sender' }) from!: string;
  @ApiProperty({ type: [String], description: 'Recipients' }) to!: string[];
}

export class ChannelResponse implements NotificationChannelDto {
  @ApiProperty({ description: 'Channel id' }) id!: string;
  @ApiProperty({ description: 'Name' }) name!: string;
  @ApiProperty({ enum: NOTIFICATION_CHANNEL_TYPES, description: 'Kind of channel' })
  type!: NotificationChannelType;
  @ApiProperty({ description: 'Disabled channels get nothing' }) enabled!: boolean;
  @ApiProperty({ enum: NOTIFICATION_EVENTS, isArray: true, description: 'Events sent' })
  events!: NotificationEvent[];
  @ApiProperty({ enum: SEVERITIES, description: 'Minimum severity sent' }) minSeverity!: Severity;
  @ApiProperty({ nullable: true, type: String, description: 'Receiver URL (Slack: masked)' }) url!:
    string | null;
  @ApiProperty({ nullable: true, type: EmailSettingsResponse, description: 'SMTP settings (no password)' })
  email!: EmailSettingsResponse | null;
  @ApiProperty({ description: 'A signing secret or SMTP password is stored (never returned)' })
  hasSecret!: boolean;
  @ApiProperty({ description: 'Created at' }) createdAt!: string;
  @ApiProperty({ description: 'Changed at' }) updatedAt!: string;
}

export class CreatedChannelResponse extends ChannelResponse implements CreatedNotificationChannelDto {
  @ApiProperty({ nullable: true, type: String, description: 'The generated webhook secret, shown only now' })
  generatedSecret!: string | null;
}

export class AttemptResponse implements NotificationAttemptDto {
  @ApiProperty({ description: 'Try number, from 1' }) attempt!: number;
  @ApiProperty({ description: 'When it was made' }) at!: string;
  @ApiProperty({ description: 'Accepted by the receiver' }) ok!: boolean;
  @ApiProperty({ nullable: true, type: Number, description: 'HTTP status or SMTP reply code' })
  statusCode!: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why it failed' }) error!: string | null;
  @ApiProperty({ description: 'Duration in ms' }) durationMs!: number;
}

export class DeliveryResponse implements NotificationDeliveryDto {
  @ApiProperty({ description: 'Delivery id' }) id!: string;
  @ApiProperty({ description: 'Channel' }) channelId!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Incident (null for a test message)' })
  incidentId!: string | null;
  @ApiProperty({ enum: [...NOTIFICATION_EVENTS, 'test'], description: 'What happened' })
  event!: NotificationEvent | 'test';
  @ApiProperty({ description: 'Deterministic key <incident>:<event>:<sequence>' }) key!: string;
  @ApiProperty({ enum: ['pending', 'sending', 'sent', 'failed'], description: 'Where it stands' })
  status!: NotificationDeliveryStatus;
  @ApiProperty({ type: [AttemptResponse], description: 'Every try, first first' })
  attempts!: AttemptResponse[];
  @ApiProperty({ description: 'Created at' }) createdAt!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Accepted at' }) sentAt!: string | null;
}

export class ChannelPage implements Paged<NotificationChannelDto> {
  @ApiProperty({ type: [ChannelResponse], description: 'Channels by name' }) items!: ChannelResponse[];
  @ApiProperty({ description: 'Channels' }) total!: number;
  @ApiProperty({ description: 'Page number' }) page!: number;
  @ApiProperty({ description: 'Page size' }) pageSize!: number;
}

export class DeliveryPage implements Paged<NotificationDeliveryDto> {
  @ApiProperty({ type: [DeliveryResponse], description: 'Deliveries, newest first' })
  items!: DeliveryResponse[];
  @ApiProperty({ description: 'Deliveries of the channel' }) total!: number;
  @ApiProperty({ description: 'Page number' }) page!: number;
  @ApiProperty({ description: 'Page size' }) pageSize!: number;
}
