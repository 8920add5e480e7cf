// Test data and stand-ins for the rules and runs specs (not used by the app itself).
import { signal } from '@angular/core';
import {
  DatasetDetailDto,
  DatasetDto,
  EvidenceDto,
  RuleDetailDto,
  RunDetailDto,
  RunWithPlanDto,
} from '@dqw/shared-types';
import { Subject } from 'rxjs';
import type { DatasetSample } from '../../rules/rules-api';
import { RunLive } from '../run-live';

export function runFixture(overrides: Partial<RunDetailDto> = {}): RunDetailDto {
  return {
    id: 'run-1',
    ruleId: 'rule-1',
    datasetId: 'ds-1',
    datasetVersionId: 'v-1',
    status: 'failed',
    trigger: 'manual',
    rowsChecked: 6,
    failedCount: 2,
    passRate: 4 / 6,
    startedAt: '2026-01-01T10:00:01Z',
    finishedAt: '2026-01-01T10:00:02Z',
    durationMs: 850,
    error: null,
    ruleVersionId: 'rv-1',
    ruleVersion: 1,
    ruleName: 'Emails present',
    verdict: 'FAILED',
    attempts: 1,
    queuedAt: '2026-01-01T10:00:00Z',
    evidenceRows: 2,
    evidenceAvailable: true,
    ...overrides,
  };
}

export function runWithPlanFixture(overrides: Partial<RunWithPlanDto> = {}): RunWithPlanDto {
  return {
    ...runFixture(),
    dsl: 'NOT_NULL(email)',
    plan: {
      scans: 1,
      sampleQueries: 1,
      rowsScanned: 6,
      statements: [
        'SELECT count(*) FILTER (WHERE email IS NULL) FROM orders',
        'SELECT * FROM orders LIMIT 20',
      ],
      batchSize: 2,
    },
    ...overrides,
  };
}

export function evidenceFixture(overrides: Partial<EvidenceDto> = {}): EvidenceDto {
  return {
    runId: 'run-1',
    ruleId: 'rule-1',
    datasetId: 'ds-1',
    datasetVersionId: 'v-1',
    columns: ['order_id', 'email', 'amount'],
    keyColumns: [],
    failedCount: 2,
    rows: [
      { rowNumber: 2, values: { order_id: '2', email: null, amount: '15' } },
      { rowNumber: 5, values: { order_id: '5', email: null, amount: '7' } },
    ],
    truncated: false,
    ...overrides,
  };
}

export function ruleFixture(overrides: Partial<RuleDetailDto> = {}): RuleDetailDto {
  return {
    id: 'rule-1',
    datasetId: 'ds-1',
    name: 'Emails present',
    description: null,
    dsl: 'NOT_NULL(email)',
    type: 'NOT_NULL',
    severity: 'MEDIUM',
    active: true,
    schedule: null,
    createdAt: '2026-01-01T09:00:00Z',
    updatedAt: '2026-01-01T09:00:00Z',
    ownerId: 'id-DataEngineer',
    version: 1,
    versionId: 'rv-1',
    ...overrides,
  };
}

const ORDER_COLUMNS = [
  { name: 'order_id', type: 'integer' as const },
  { name: 'email', type: 'string' as const },
  { name: 'amount', type: 'decimal' as const },
];

export function datasetFixture(overrides: Partial<DatasetDto> = {}): DatasetDto {
  return {
    id: 'ds-1',
    name: 'orders',
    description: null,
    sourceType: 'csv',
    sensitive: false,
    rowCount: 6,
    columns: ORDER_COLUMNS,
    currentVersionId: 'v-1',
    qualityScore: null,
    createdAt: '2026-01-01T08:00:00Z',
    updatedAt: '2026-01-01T08:00:00Z',
    ...overrides,
  };
}

export function datasetDetailFixture(overrides: Partial<DatasetDetailDto> = {}): DatasetDetailDto {
  return {
    ...datasetFixture(),
    nullMarkers: ['N/A'],
    keyColumns: ['order_id'],
    columnOverrides: {},
    csvOptions: {},
    ownerId: null,
    connectionId: null,
    table: null,
    currentVersion: {
      id: 'v-1',
      datasetId: 'ds-1',
      number: 1,
      sha256: 'abc',
      sizeBytes: 120,
      fileName: 'orders.csv',
      encrypted: false,
      rowCount: 6,
      columns: ORDER_COLUMNS.map((c) => ({ ...c, storage: 'text' as const })),
      format: null,
      malformedRows: [],
      drift: null,
      status: 'ready',
      error: null,
      createdAt: '2026-01-01T08:00:00Z',
      profiledAt: null,
    },
    versionCount: 1,
    ...overrides,
  };
}

/** Six orders: row 2 has no email, row 4 says N/A (a null marker), row 5 has a negative amount. */
export function sampleFixture(): DatasetSample {
  return {
    versionId: 'v-1',
    columns: ORDER_COLUMNS,
    rows: [
      { order_id: '1', email: 'a@example.com', amount: '10' },
      { order_id: '2', email: '', amount: '15' },
      { order_id: '3', email: 'c@example.com', amount: '22.5' },
      { order_id: '4', email: 'N/A', amount: '8' },
      { order_id: '5', email: 'e@example.com', amount: '-3' },
      { order_id: '6', email: 'f@example.com', amount: '12' },
    ],
  };
}

/** A RunLive the spec drives: push run updates and progress by hand. */
export class FakeRunLive implements Pick<RunLive, 'updates' | 'reconnected' | 'connected' | 'percent'> {
  readonly updates$ = new Subject<RunDetailDto>();
  readonly reconnected$ = new Subject<void>();
  readonly updates = this.updates$.asObservable();
  readonly reconnected = this.reconnected$.asObservable();
  readonly connectedSignal = signal(true);
  readonly connected = this.connectedSignal.asReadonly();
  private readonly percents = signal<ReadonlyMap<string, number>>(new Map());

  percent(runId: string): number | null {
    return this.percents().get(runId) ?? null;
  }

  progress(runId: string, percent: number): void {
    this.percents.update((all) => new Map(all).set(runId, percent));
  }
}

export function provideFakeRunLive(fake = new FakeRunLive()) {
  return { provide: RunLive, useValue: fake };
}
