// Test data for the datasets specs (not used by the app itself).
import { DatasetDetailDto, DatasetDto, DatasetVersionDto, RunDetailDto } from '@dqw/shared-types';
import { ColumnProfileView, ProfileView, RecommendationView } from '../datasets-api';

export function datasetFixture(overrides: Partial<DatasetDto> = {}): DatasetDto {
  return {
    id: 'ds-1',
    name: 'orders',
    description: 'Orders from the shop',
    sourceType: 'csv',
    sensitive: false,
    rowCount: 1000,
    columns: [
      { name: 'order_id', type: 'integer' },
      { name: 'email', type: 'string' },
    ],
    currentVersionId: 'v-1',
    qualityScore: null,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-02T00:00:00Z',
    ...overrides,
  };
}

export function versionFixture(overrides: Partial<DatasetVersionDto> = {}): DatasetVersionDto {
  return {
    id: 'v-1',
    datasetId: 'ds-1',
    number: 1,
    sha256: 'ab'.repeat(32),
    sizeBytes: 2048,
    fileName: 'orders.csv',
    encrypted: false,
    rowCount: 1000,
    columns: [
      { name: 'order_id', type: 'integer', storage: 'text' },
      { name: 'email', type: 'string', storage: 'text' },
    ],
    format: {
      delimiter: ',',
      quote: '"',
      escape: '"',
      header: true,
      encoding: 'utf-8',
      bom: false,
      newline: 'lf',
    },
    malformedRows: [],
    drift: null,
    status: 'ready',
    error: null,
    createdAt: '2026-01-01T00:00:00Z',
    profiledAt: '2026-01-01T00:00:05Z',
    ...overrides,
  };
}

export function datasetDetailFixture(overrides: Partial<DatasetDetailDto> = {}): DatasetDetailDto {
  return {
    ...datasetFixture(),
    nullMarkers: [],
    keyColumns: [],
    columnOverrides: {},
    csvOptions: {},
    ownerId: 'u-1',
    connectionId: null,
    table: null,
    currentVersion: versionFixture(),
    versionCount: 1,
    ...overrides,
  };
}

export function columnProfileFixture(overrides: Partial<ColumnProfileView> = {}): ColumnProfileView {
  return {
    name: 'email',
    type: 'string',
    inferredType: 'string',
    nullCount: 10,
    nullShare: 0.01,
    distinctCount: 990,
    min: null,
    max: null,
    mean: null,
    stddev: null,
    minLength: 5,
    maxLength: 40,
    topValues: [
      { value: 'a@example.com', count: 3 },
      { value: 'b@example.com', count: 2 },
    ],
    patterns: [{ name: 'email', share: 0.99 }],
    nullMarkerCandidates: [],
    ...overrides,
  };
}

export function profileFixture(overrides: Partial<ProfileView> = {}): ProfileView {
  return {
    datasetId: 'ds-1',
    versionId: 'v-1',
    rowCount: 1000,
    columns: [
      columnProfileFixture({
        name: 'order_id',
        type: 'integer',
        inferredType: 'integer',
        nullCount: 0,
        nullShare: 0,
        distinctCount: 1000,
        min: 1,
        max: 1000,
        mean: 500.5,
        topValues: [],
        patterns: [],
      }),
      columnProfileFixture(),
    ],
    createdAt: '2026-01-01T00:00:05Z',
    nullMarkers: [],
    ...overrides,
  };
}

export function recommendationFixture(overrides: Partial<RecommendationView> = {}): RecommendationView {
  return {
    id: 'rec-1',
    datasetId: 'ds-1',
    column: 'order_id',
    type: 'UNIQUE',
    dsl: 'UNIQUE(order_id)',
    rationale: 'Every one of the 1,000 values is different.',
    confidence: 0.95,
    status: 'proposed',
    ...overrides,
  };
}

export function runFixture(overrides: Partial<RunDetailDto> = {}): RunDetailDto {
  return {
    id: 'run-1',
    ruleId: 'rule-1',
    datasetId: 'ds-1',
    datasetVersionId: 'v-1',
    status: 'queued',
    trigger: 'manual',
    rowsChecked: null,
    failedCount: null,
    passRate: null,
    startedAt: null,
    finishedAt: null,
    durationMs: null,
    error: null,
    ruleVersionId: 'rv-1',
    ruleVersion: 1,
    ruleName: 'UNIQUE(order_id)',
    verdict: null,
    attempts: 1,
    queuedAt: '2026-01-01T00:00:00Z',
    evidenceRows: 0,
    evidenceAvailable: false,
    ...overrides,
  };
}
