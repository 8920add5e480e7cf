// Test data shared by the unit specs (not used by the app itself).
import { ApiTokenDto, AuditEntryDto, MeResponse, Role, UserDto } from '@dqw/shared-types';

export function userFixture(overrides: Partial<UserDto> = {}): UserDto {
  return {
    id: 'u-1',
    email: 'ana@example.com',
    displayName: 'Ana',
    role: 'Analyst',
    active: true,
    locked: false,
    lastLoginAt: null,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    ...overrides,
  };
}

export function meFor(role: Role, overrides: Partial<UserDto> = {}): MeResponse {
  return {
    user: userFixture({
      id: `id-${role}`,
      email: `${role.toLowerCase()}@example.com`,
      displayName: role,
      role,
      ...overrides,
    }),
    csrfToken: 'csrf',
    authMethod: 'session',
  };
}

export function tokenFixture(overrides: Partial<ApiTokenDto> = {}): ApiTokenDto {
  return {
    id: 't-1',
    name: 'nightly export',
    prefix: 'dqw_abc',
    createdAt: '2026-01-01T00:00:00Z',
    expiresAt: null,
    lastUsedAt: null,
    revokedAt: null,
    ...overrides,
  };
}

export function auditFixture(overrides: Partial<AuditEntryDto> = {}): AuditEntryDto {
  return {
    id: 1,
    at: '2026-01-01T10:00:00Z',
    actorType: 'user',
    actorId: 'u-1',
    actorLabel: 'admin@example.com',
    action: 'user.create',
    entityType: 'user',
    entityId: 'u-2',
    summary: 'Created user ana@example.com',
    changes: { before: null, after: { email: 'ana@example.com', role: 'Analyst' } },
    ip: '127.0.0.1',
    requestId: 'r-1',
    hash: 'h1',
    prevHash: 'h0',
    ...overrides,
  };
}
