import { IsoDateTime } from './common';

export const Roles = {
  Admin: 'Admin',
  DataEngineer: 'DataEngineer',
  Analyst: 'Analyst',
} as const;
export type Role = (typeof Roles)[keyof typeof Roles];
export const ALL_ROLES: readonly Role[] = [Roles.Admin, Roles.DataEngineer, Roles.Analyst];

export interface UserDto {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  active: boolean;
  locked: boolean;
  lastLoginAt: IsoDateTime | null;
  createdAt: IsoDateTime;
  updatedAt: IsoDateTime;
}

export interface CreateUserRequest {
  email: string;
  displayName?: string;
  role: Role;
  password: string;
}

export interface UpdateUserRequest {
  displayName?: string;
  role?: Role;
  active?: boolean;
  password?: string;
  /** `false` clears a login lockout. */
  locked?: false;
}

export interface LoginRequest {
  email: string;
  password: string;
}

/** `GET /api/auth/me` and the answer to a login. `csrfToken` must be echoed in `X-CSRF-Token` on unsafe methods. */
export interface MeResponse {
  user: UserDto;
  csrfToken: string | null;
  authMethod: 'session' | 'token';
}

export interface ApiTokenDto {
  id: string;
  name: string;
  /** First characters of the token, to recognise it in a list. */
  prefix: string;
  createdAt: IsoDateTime;
  expiresAt: IsoDateTime | null;
  lastUsedAt: IsoDateTime | null;
  revokedAt: IsoDateTime | null;
}

export interface CreateTokenRequest {
  name: string;
  expiresAt?: IsoDateTime;
}

/** The only time the secret is shown. */
export interface CreatedTokenResponse extends ApiTokenDto {
  token: string;
}

/** `POST /api/auth/password` (any signed-in user changes their own password; answers 204). */
export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

/** `GET /api/users` query (Admin). Answers `Paged<UserDto>`. */
export interface UserListQuery {
  page?: number;
  pageSize?: number;
  /** Case-insensitive match on email or display name. */
  q?: string;
  role?: Role;
  active?: boolean;
}

/**
 * `DELETE /api/users/:id`: a user with history (logins, tokens, audited actions) is deactivated
 * instead of deleted, so the audit trail keeps pointing at a real account.
 */
export interface DeleteUserResponse {
  outcome: 'deleted' | 'deactivated';
  user: UserDto | null;
}

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

/* Endpoints: GET /api/auth/tokens answers Paged<ApiTokenDto> (newest first); POST answers 201
   CreatedTokenResponse; DELETE /api/auth/tokens/:id revokes (204). */

export const CSRF_HEADER = 'x-csrf-token';
export const SESSION_COOKIE = 'dqw_session';
export const CSRF_COOKIE = 'dqw_csrf';
