import {
  ALL_ROLES,
  CreateUserRequest,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  Role,
  UpdateUserRequest,
  UserListQuery,
} from '@dqw/shared-types';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { PageQueryDto } from '../../../core/http/page-query.dto';

const NOT_BLANK = /\S/;

export class CreateUserDto implements CreateUserRequest {
  @ApiProperty({ description: 'Email address (unique, case-insensitive)', maxLength: 320 })
  @IsString()
  @MaxLength(320)
  @IsEmail({}, { message: 'email must be an email address' })
  email!: string;

  @ApiPropertyOptional({ description: 'Name shown in the app; defaults to the email', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(NOT_BLANK, { message: 'displayName must not be blank' })
  displayName?: string;

  @ApiProperty({ enum: ALL_ROLES, description: 'Role' })
  @IsIn(ALL_ROLES)
  role!: Role;

  @ApiProperty({ description: `Initial password (${PASSWORD_MIN_LENGTH}+ characters)`, format: 'password' })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(PASSWORD_MAX_LENGTH)
  password!: string;
}

export class UpdateUserDto implements UpdateUserRequest {
  @ApiPropertyOptional({ description: 'Name shown in the app', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(NOT_BLANK, { message: 'displayName must not be blank' })
  displayName?: string;

  @ApiPropertyOptional({ enum: ALL_ROLES, description: 'Role (the last active Admin cannot be demoted)' })
  @IsOptional()
  @IsIn(ALL_ROLES)
  role?: Role;

  @ApiPropertyOptional({ description: 'false deactivates the user (sessions end, tokens stop working)' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ description: 'New password; ends the user’s sessions', format: 'password' })
  @IsOptional()
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(PASSWORD_MAX_LENGTH)
  password?: string;

  @ApiPropertyOptional({ enum: [false], description: 'false clears a login lockout' })
  @IsOptional()
  @IsIn([false], { message: 'locked can only be set to false (to clear a lockout)' })
  locked?: false;
}

const toBool = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

export class UserListQueryDto extends PageQueryDto implements UserListQuery {
  @ApiPropertyOptional({ description: 'Text to find in email or display name', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: ALL_ROLES, description: 'Only this role' })
  @IsOptional()
  @IsIn(ALL_ROLES)
  role?: Role;

  @ApiPropertyOptional({ description: 'Only active (true) or deactivated (false) users' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  active?: boolean;
}
