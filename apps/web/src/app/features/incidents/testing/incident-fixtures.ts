// Test data and stand-ins for the incidents specs (not used by the app itself).
import {
  IncidentCounts,
  IncidentDetailDto,
  IncidentDto,
  IncidentEventDto,
  IncidentListResponse,
} from '@dqw/shared-types';
import { Subject } from 'rxjs';
import { IncidentLive } from '../incident-live';

export const T0 = Date.parse('2026-03-01T10:00:00Z');

export function incidentFixture(overrides: Partial<IncidentDto> = {}): IncidentDto {
  return {
    id: 'inc-1',
    ruleId: 'rule-1',
    datasetId: 'ds-1',
    severity: 'HIGH',
    status: 'OPEN',
    title: 'Emails present is failing',
    occurrences: 1,
    assigneeId: null,
    openedAt: new Date(T0).toISOString(),
    acknowledgedAt: null,
    resolvedAt: null,
    mutedUntil: null,
    slaAckDueAt: new Date(T0 + 3600_000).toISOString(),
    slaResolveDueAt: new Date(T0 + 24 * 3600_000).toISOString(),
    slaBreachedAt: null,
    lastRunId: 'run-1',
    ruleName: 'Emails present',
    firstRunId: 'run-1',
    lastEvidenceRunId: 'run-1',
    lastOccurrenceAt: new Date(T0).toISOString(),
    flapping: false,
    slaAckBreachedAt: null,
    slaResolveBreachedAt: null,
    mutedAt: null,
    resolutionReason: null,
    resolutionNote: null,
    updatedAt: new Date(T0).toISOString(),
    ...overrides,
  };
}

export function eventFixture(overrides: Partial<IncidentEventDto> = {}): IncidentEventDto {
  return {
    id: '1',
    incidentId: 'inc-1',
    type: 'opened',
    at: new Date(T0).toISOString(),
    actorType: 'system',
    actorId: null,
    actorLabel: 'system',
    fromStatus: null,
    toStatus: 'OPEN',
    runId: 'run-1',
    body: null,
    data: { failedCount: 2, rowsChecked: 6 },
    ...overrides,
  };
}

export function detailFixture(overrides: Partial<IncidentDetailDto> = {}): IncidentDetailDto {
  return {
    ...incidentFixture(),
    allowedTransitions: ['ACKNOWLEDGED', 'MUTED', 'RESOLVED'],
    acknowledgedBy: null,
    resolvedBy: null,
    mutedBy: null,
    timeline: [eventFixture()],
    timelineTotal: 1,
    ...overrides,
  };
}

export function countsFixture(overrides: Partial<IncidentCounts['status']> = {}): IncidentCounts {
  return {
    status: { OPEN: 1, ACKNOWLEDGED: 0, MUTED: 0, RESOLVED: 0, ...overrides },
    severity: { LOW: 0, MEDIUM: 0, HIGH: 1 },
  };
}

export function listFixture(items: IncidentDto[], counts = countsFixture()): IncidentListResponse {
  return { items, total: items.length, page: 1, pageSize: 25, counts };
}

/** An IncidentLive the spec drives by hand. */
export class FakeIncidentLive implements Pick<IncidentLive, 'updates' | 'reconnected'> {
  readonly updates$ = new Subject<IncidentDto>();
  readonly reconnected$ = new Subject<void>();
  readonly updates = this.updates$.asObservable();
  readonly reconnected = this.reconnected$.asObservable();
}

export function provideFakeIncidentLive(fake = new FakeIncidentLive()) {
  return { provide: IncidentLive, useValue: fake };
}
