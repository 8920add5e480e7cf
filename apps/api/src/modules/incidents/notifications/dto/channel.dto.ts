import {
  NOTIFICATION_CHANNEL_TYPES,
  NOTIFICATION_EVENTS,
  SEVERITIES,
  type CreateNotificationChannelRequest,
  type EmailChannelSettingsInput,
  type NotificationChannelType,
  type NotificationEvent,
  type Severity,
  type UpdateNotificationChannelRequest,
} from '@dqw/shared-types';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PageQueryDto } from '../../../../core/http/page-query.dto';

const NOT_BLANK = /\S/;
const OptionalNotNull = (): PropertyDecorator => ValidateIf((_o, v) => v !== undefined);

export class EmailSettingsBody implements EmailChannelSettingsInput {
  @ApiProperty({ description: 'SMTP server host name or address', maxLength: 253 })
  @IsString()
  @MaxLength(253)
  @Matches(/^[A-Za-z0-9.:[\]_-]+$/, { message: 'email.host must be a host name or IP address' })
  host!: string;

  @ApiProperty({ description: 'SMTP port (587 submission, 465 TLS, 25)', minimum: 1, maximum: 65535 })
  @IsInt()
  @Min(1)
  @Max(65535)
  port!: number;

  @ApiProperty({ description: 'TLS from the first byte (port 465); otherwise STARTTLS when offered' })
  @IsBoolean()
  secure!: boolean;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'SMTP user; null for no authentication' })
  @IsOptional()
  @IsString()
  @MaxLength(320)
  username!: string | null;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'SMTP password (write-only, stored encrypted); omit to keep the stored one, null to clear',
  })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  password?: string | null;

  @ApiProperty({ description: 'Sender address' })
  @IsEmail({ allow_display_name: true })
  @MaxLength(320)
  from!: string;

  @ApiProperty({ type: [String], description: 'Recipients (1–50)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsEmail({}, { each: true })
  to!: string[];
}

export class CreateChannelDto implements CreateNotificationChannelRequest {
  @ApiProperty({ description: 'Name shown in the settings', maxLength: 200 })
  @IsString()
  @MaxLength(200)
  @Matches(NOT_BLANK, { message: 'name must not be blank' })
  name!: string;

  @ApiProperty({
    enum: NOTIFICATION_CHANNEL_TYPES,
    description: 'webhook (JSON, signed), slack, email (SMTP)',
  })
  @IsIn(NOTIFICATION_CHANNEL_TYPES)
  type!: NotificationChannelType;

  @ApiPropertyOptional({ description: 'Default true' })
  @OptionalNotNull()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ enum: NOTIFICATION_EVENTS, isArray: true, description: 'Default: all events' })
  @OptionalNotNull()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(NOTIFICATION_EVENTS, { each: true })
  events?: NotificationEvent[];

  @ApiPropertyOptional({ enum: SEVERITIES, description: 'Only incidents this severe or more (default LOW)' })
  @OptionalNotNull()
  @IsIn(SEVERITIES)
  minSeverity?: Severity;

  @ApiPropertyOptional({ description: 'webhook/slack: http(s) URL of the receiver', maxLength: 2000 })
  @OptionalNotNull()
  @IsString()
  @MaxLength(2000)
  url?: string;

  @ApiPropertyOptional({
    description:
      'webhook: HMAC-SHA256 signing secret (16–256 characters); generated and shown once if absent',
    minLength: 16,
    maxLength: 256,
  })
  @OptionalNotNull()
  @IsString()
  @MinLength(16)
  @MaxLength(256)
  secret?: string;

  @ApiPropertyOptional({ type: EmailSettingsBody, description: 'email: SMTP settings' })
  @OptionalNotNull()
  @ValidateNested()
  @Type(() => EmailSettingsBody)
  email?: EmailSettingsBody;
}

export class UpdateChannelDto implements UpdateNotificationChannelRequest {
  @ApiPropertyOptional({ description: 'Name', maxLength: 200 })
  @OptionalNotNull()
  @IsString()
  @MaxLength(200)
  @Matches(NOT_BLANK, { message: 'name must not be blank' })
  name?: string;

  @ApiPropertyOptional({ description: 'Disabled channels get nothing' })
  @OptionalNotNull()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ enum: NOTIFICATION_EVENTS, isArray: true, description: 'Events sent' })
  @OptionalNotNull()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(NOTIFICATION_EVENTS, { each: true })
  events?: NotificationEvent[];

  @ApiPropertyOptional({ enum: SEVERITIES, description: 'Minimum severity sent' })
  @OptionalNotNull()
  @IsIn(SEVERITIES)
  minSeverity?: Severity;

  @ApiPropertyOptional({ description: 'webhook/slack: new URL', maxLength: 2000 })
  @OptionalNotNull()
  @IsString()
  @MaxLength(2000)
  url?: string;

  @ApiPropertyOptional({ description: 'webhook: new signing secret (16–256 characters)' })
  @OptionalNotNull()
  @IsString()
  @MinLength(16)
  @MaxLength(256)
  secret?: string;

  @ApiPropertyOptional({ type: EmailSettingsBody, description: 'email: new SMTP settings (all fields)' })
  @OptionalNotNull()
  @ValidateNested()
  @Type(() => EmailSettingsBody)
  email?: EmailSettingsBody;
}

export class DeliveryQueryDto extends PageQueryDto {}
