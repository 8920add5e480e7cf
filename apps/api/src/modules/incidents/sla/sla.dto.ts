import {
  SEVERITIES,
  SLA_MAX_MINUTES,
  type Severity,
  type SlaPolicyDto,
  type SlaSettingsDto,
  type UpdateSlaSettingsRequest,
} from '@dqw/shared-types';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, Max, Min, ValidateNested } from 'class-validator';

export class SlaPolicyBody implements SlaPolicyDto {
  @ApiProperty({ enum: SEVERITIES, description: 'Incident severity the policy applies to' })
  @IsIn(SEVERITIES)
  severity!: Severity;

  @ApiProperty({
    description: 'Minutes from opening to acknowledgement',
    minimum: 1,
    maximum: SLA_MAX_MINUTES,
  })
  @IsInt()
  @Min(1)
  @Max(SLA_MAX_MINUTES)
  ackMinutes!: number;

  @ApiProperty({ description: 'Minutes from opening to resolution', minimum: 1, maximum: SLA_MAX_MINUTES })
  @IsInt()
  @Min(1)
  @Max(SLA_MAX_MINUTES)
  resolveMinutes!: number;
}

export class UpdateSlaSettingsDto implements UpdateSlaSettingsRequest {
  @ApiProperty({ type: [SlaPolicyBody], description: 'One policy for each of LOW, MEDIUM and HIGH' })
  @IsArray()
  @ArrayMinSize(3)
  @ArrayMaxSize(3)
  @ValidateNested({ each: true })
  @Type(() => SlaPolicyBody)
  policies!: SlaPolicyBody[];
}

export class SlaSettingsResponse implements SlaSettingsDto {
  @ApiProperty({ type: [SlaPolicyBody], description: 'HIGH, MEDIUM, LOW' }) policies!: SlaPolicyBody[];
  @ApiProperty({ nullable: true, type: String, description: 'Last change (ISO 8601); null = defaults' })
  updatedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'User who changed it last' })
  updatedBy!: string | null;
}
