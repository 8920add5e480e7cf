import { AuditActorType, AuditQuery } from '@dqw/shared-types';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../../core/http/page-query.dto';

const ACTOR_TYPES: AuditActorType[] = ['user', 'token', 'system', 'anonymous'];

export class AuditQueryDto extends PageQueryDto implements AuditQuery {
  @ApiPropertyOptional({
    enum: ACTOR_TYPES,
    description: 'Who acted: a user session, an API token, the system or anonymous',
  })
  @IsOptional()
  @IsIn(ACTOR_TYPES)
  actorType?: AuditActorType;

  @ApiPropertyOptional({ description: 'User id of the actor' })
  @IsOptional()
  @IsString()
  @MaxLength(36)
  actorId?: string;

  @ApiPropertyOptional({ description: 'Exact action (`user.create`) or a prefix ending in a dot (`user.`)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  action?: string;

  @ApiPropertyOptional({ description: 'Entity type, e.g. `user`' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  entityType?: string;

  @ApiPropertyOptional({ description: 'Entity id' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  entityId?: string;

  @ApiPropertyOptional({ description: 'Entries at or after this time (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'Entries before this time (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}
