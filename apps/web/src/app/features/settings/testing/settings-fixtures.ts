// Test data for the settings specs (not used by the app itself).
import { NotificationChannelDto, NotificationDeliveryDto } from '@dqw/shared-types';

export function channelFixture(overrides: Partial<NotificationChannelDto> = {}): NotificationChannelDto {
  return {
    id: 'ch-1',
    name: 'Ops hook',
    type: 'webhook',
    enabled: true,
    events: ['opened', 'reopened', 'breached', 'resolved', 'severity_raised'],
    minSeverity: 'LOW',
    url: 'https://hooks.example.com/watchtower',
    email: null,
    hasSecret: true,
    createdAt: '2026-03-01T10:00:00Z',
    updatedAt: '2026-03-01T10:00:00Z',
    ...overrides,
  };
}

export function emailChannelFixture(overrides: Partial<NotificationChannelDto> = {}): NotificationChannelDto {
  return channelFixture({
    id: 'ch-2',
    name: 'Data team mail',
    type: 'email',
    url: null,
    email: {
      host: 'smtp.example.com',
      port: 587,
      secure: false,
      username: 'watchtower',
      from: 'Watchtower <wt@example.com>',
      to: ['data@example.com'],
    },
    ...overrides,
  });
}

export function deliveryFixture(overrides: Partial<NotificationDeliveryDto> = {}): NotificationDeliveryDto {
  return {
    id: 'd-1',
    channelId: 'ch-1',
    incidentId: null,
    event: 'test',
    key: 'test:ch-1:d-1',
    status: 'sent',
    attempts: [
      { attempt: 1, at: '2026-03-01T10:00:01Z', ok: true, statusCode: 200, error: null, durationMs: 143 },
    ],
    createdAt: '2026-03-01T10:00:00Z',
    sentAt: '2026-03-01T10:00:01Z',
    ...overrides,
  };
}
