import {
  ALL_ROLES,
  ApiTokenDto,
  CreatedTokenResponse,
  DeleteUserResponse,
  MeResponse,
  Paged,
  Role,
  UserDto,
} from '@dqw/shared-types';
import { ApiProperty } from '@nestjs/swagger';

export class UserResponse implements UserDto {
  @ApiProperty({ description: 'User id (UUID)' }) id!: string;
  @ApiProperty({ description: 'Email address (lower case)' }) email!: string;
  @ApiProperty({ description: 'Name shown in the app' }) displayName!: string;
  @ApiProperty({ enum: ALL_ROLES, description: 'Role' }) role!: Role;
  @ApiProperty({ description: 'false when deactivated' }) active!: boolean;
  @ApiProperty({ description: 'true while locked out after repeated failed sign-ins' }) locked!: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'Last successful sign-in' }) lastLoginAt!:
    string | null;
  @ApiProperty({ description: 'Created at (ISO 8601)' }) createdAt!: string;
  @ApiProperty({ description: 'Updated at (ISO 8601)' }) updatedAt!: string;
}

export class UserPage implements Paged<UserDto> {
  @ApiProperty({ type: [UserResponse], description: 'Users, by email' }) items!: UserResponse[];
  @ApiProperty({ description: 'Users matching the filters' }) total!: number;
  @ApiProperty({ description: 'Page number' }) page!: number;
  @ApiProperty({ description: 'Page size' }) pageSize!: number;
}

export class DeleteUserResult implements DeleteUserResponse {
  @ApiProperty({ enum: ['deleted', 'deactivated'], description: 'deactivated when the user has history' })
  outcome!: 'deleted' | 'deactivated';
  @ApiProperty({
    type: UserResponse,
    nullable: true,
    description: 'The deactivated user, or null when deleted',
  })
  user!: UserResponse | null;
}

export class MeResult implements MeResponse {
  @ApiProperty({ type: UserResponse, description: 'The signed-in user' }) user!: UserResponse;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Send in X-CSRF-Token on unsafe methods (sessions only)',
  })
  csrfToken!: string | null;
  @ApiProperty({ enum: ['session', 'token'], description: 'How the request was authenticated' })
  authMethod!: 'session' | 'token';
}

export class ApiTokenResponse implements ApiTokenDto {
  @ApiProperty({ description: 'Token id (UUID)' }) id!: string;
  @ApiProperty({ description: 'Name' }) name!: string;
  @ApiProperty({ description: 'First characters of the token' }) prefix!: string;
  @ApiProperty({ description: 'Created at' }) createdAt!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Expiry, or null for none' }) expiresAt!:
    string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Last use' }) lastUsedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'When it was revoked' }) revokedAt!:
    string | null;
}

export class CreatedTokenResult extends ApiTokenResponse implements CreatedTokenResponse {
  @ApiProperty({ description: 'The secret, shown only this once: send it as Authorization: Bearer <token>' })
  token!: string;
}

export class TokenPage implements Paged<ApiTokenDto> {
  @ApiProperty({ type: [ApiTokenResponse], description: 'Tokens, newest first' }) items!: ApiTokenResponse[];
  @ApiProperty({ description: 'Number of tokens' }) total!: number;
  @ApiProperty({ description: 'Page number' }) page!: number;
  @ApiProperty({ description: 'Page size' }) pageSize!: number;
}
