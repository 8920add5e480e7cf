import {
  CONNECTION_KINDS,
  type ConnectionKind,
  type CreateConnectionRequest,
  type UpdateConnectionRequest,
} from '@dqw/shared-types';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

const NOT_BLANK = /\S/;

export class CreateConnectionDto implements CreateConnectionRequest {
  @ApiProperty({ description: 'Unique name', maxLength: 200 })
  @IsString()
  @MaxLength(200)
  @Matches(NOT_BLANK, { message: 'name must not be blank' })
  name!: string;

  @ApiProperty({ enum: CONNECTION_KINDS, description: 'Database engine (mysql covers MariaDB)' })
  @IsIn(CONNECTION_KINDS)
  kind!: ConnectionKind;

  @ApiPropertyOptional({
    description: 'postgres://user:password@host:5432/db or mysql://…; instead of the fields',
    maxLength: 2000,
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  url?: string;

  @ApiPropertyOptional({ description: 'Host name or IP address', maxLength: 255 })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  host?: string;

  @ApiPropertyOptional({ description: 'Port (default 5432 / 3306)', minimum: 1, maximum: 65535 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(65535)
  port?: number;

  @ApiPropertyOptional({ description: 'Database name', maxLength: 255 })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  database?: string;

  @ApiPropertyOptional({ description: 'User name', maxLength: 255 })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  user?: string;

  @ApiPropertyOptional({
    description: 'Password: stored encrypted, never returned',
    format: 'password',
    maxLength: 1000,
  })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  password?: string;

  @ApiPropertyOptional({
    description: 'SQLite: file path relative to the sources folder (SQLITE_SOURCES_DIR)',
    maxLength: 1000,
  })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  path?: string;

  @ApiPropertyOptional({ description: 'Require TLS (certificate verified)' })
  @IsOptional()
  @IsBoolean()
  ssl?: boolean;
}

export class UpdateConnectionDto implements UpdateConnectionRequest {
  @ApiPropertyOptional({ description: 'Unique name', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(NOT_BLANK, { message: 'name must not be blank' })
  name?: string;

  @ApiPropertyOptional({ enum: CONNECTION_KINDS, description: 'Database engine' })
  @IsOptional()
  @IsIn(CONNECTION_KINDS)
  kind?: ConnectionKind;

  @ApiPropertyOptional({ description: 'Replaces host, port, database, user and password', maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  url?: string;

  @ApiPropertyOptional({ description: 'Host', maxLength: 255 })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  host?: string;

  @ApiPropertyOptional({ description: 'Port', minimum: 1, maximum: 65535 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(65535)
  port?: number;

  @ApiPropertyOptional({ description: 'Database name', maxLength: 255 })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  database?: string;

  @ApiPropertyOptional({ description: 'User name', maxLength: 255 })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  user?: string;

  @ApiPropertyOptional({
    description: 'New password (omit to keep the stored one)',
    format: 'password',
    maxLength: 1000,
  })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  password?: string;

  @ApiPropertyOptional({ description: 'SQLite file path relative to the sources folder', maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  path?: string;

  @ApiPropertyOptional({ description: 'Require TLS' })
  @IsOptional()
  @IsBoolean()
  ssl?: boolean;
}
