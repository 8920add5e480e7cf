import { AuditActorType, AuditEntryDto, AuditVerifyResponse, Paged } from '@dqw/shared-types';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class AuditEntryResponse implements AuditEntryDto {
  @ApiProperty({ description: 'Increasing sequence number' }) id!: number;
  @ApiProperty({ description: 'When it happened (ISO 8601)' }) at!: string;
  @ApiProperty({ enum: ['user', 'token', 'system', 'anonymous'], description: 'Kind of actor' })
  actorType!: AuditActorType;
  @ApiProperty({ nullable: true, type: String, description: 'User id of the actor' }) actorId!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Email of the actor (or attempted email)' })
  actorLabel!: string | null;
  @ApiProperty({ description: 'Action, e.g. user.create' }) action!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Entity type' }) entityType!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Entity id' }) entityId!: string | null;
  @ApiProperty({ description: 'Human summary' }) summary!: string;
  @ApiProperty({ nullable: true, type: Object, description: 'Before/after values, secrets redacted' })
  changes!: unknown;
  @ApiProperty({ nullable: true, type: String, description: 'Client IP' }) ip!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Request id' }) requestId!: string | null;
  @ApiProperty({ description: 'SHA-256 of this entry and the previous hash' }) hash!: string;
  @ApiProperty({ description: 'Hash of the previous entry' }) prevHash!: string;
}

export class AuditPage implements Paged<AuditEntryDto> {
  @ApiProperty({ type: [AuditEntryResponse], description: 'Entries, newest first' })
  items!: AuditEntryResponse[];
  @ApiProperty({ description: 'Entries matching the filters' }) total!: number;
  @ApiProperty({ description: 'Page number' }) page!: number;
  @ApiProperty({ description: 'Page size' }) pageSize!: number;
}

export class AuditVerifyResult implements AuditVerifyResponse {
  @ApiProperty({ description: 'True when every entry matches its hash and links to the one before' })
  valid!: boolean;
  @ApiProperty({ description: 'Entries checked' }) entries!: number;
  @ApiPropertyOptional({ description: 'Id of the first entry that does not verify' }) firstBrokenId?: number;
}
