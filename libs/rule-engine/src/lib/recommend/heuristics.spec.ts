import type { ColumnProfile, DatasetProfile } from '../profile/types';
import {
  acceptedValuesRules,
  completenessRules,
  dominantPattern,
  freshnessRules,
  keyLike,
  patternRules,
  rangeRules,
  rowCountRules,
  uniqueRules,
} from './heuristics';

function column(over: Partial<ColumnProfile> & { name: string }): ColumnProfile {
  return {
    type: 'string',
    inferredType: 'string',
    typeSource: 'inferred',
    format: null,
    formatCandidates: [],
    storage: 'text',
    nullCount: 0,
    nullShare: 0,
    nonNullCount: 1000,
    unreadableCount: 0,
    distinctCount: 1000,
    distinctExact: true,
    singletonCount: 1000,
    min: null,
    max: null,
    mean: null,
    stddev: null,
    minLength: 1,
    maxLength: 10,
    topValues: [],
    topValuesComplete: false,
    patterns: [],
    nullMarkerCandidates: [],
    nullMarkerCounts: [],
    ...over,
  };
}

function dataset(
  rowCount: number,
  columns: ColumnProfile[],
  over: Partial<DatasetProfile> = {},
): DatasetProfile {
  return { rowCount, columns, profiledAt: '2024-06-01T12:00:00.000Z', nullMarkers: [], ...over };
}

describe('completeness (Deequ, TestGen floor)', () => {
  it('proposes NOT_NULL for a complete column above 10 rows, and nothing at 10', () => {
    expect(completenessRules(column({ name: 'a', nonNullCount: 11 }), 11)[0].ast).toEqual({
      type: 'NOT_NULL',
      column: { kind: 'column', name: 'a' },
    });
    expect(completenessRules(column({ name: 'a', nonNullCount: 10 }), 10)).toEqual([]);
  });

  it('proposes MOSTLY at the lower end of the 95% interval for a 97%-complete column', () => {
    const [d] = completenessRules(column({ name: 'amount', nonNullCount: 970, nullCount: 30 }), 1000);
    expect(d.ast).toMatchObject({ type: 'NOT_NULL', mostly: '95.94' });
    expect(d.rationale).toContain('970 of 1,000 rows (97.00%)');
    expect(d.rationale).toContain('95.94%');
  });

  it('proposes nothing at or below 20% completeness', () => {
    expect(completenessRules(column({ name: 'a', nonNullCount: 200, nullCount: 800 }), 1000)).toEqual([]);
  });

  it('mentions candidate null markers in the rationale', () => {
    const [d] = completenessRules(
      column({ name: 'a', nullMarkerCounts: [{ value: 'N/A', count: 12 }], nullMarkerCandidates: ['N/A'] }),
      1000,
    );
    expect(d.rationale).toContain("'N/A' (12×)");
  });
});

describe('UNIQUE', () => {
  const id = column({ name: 'order_id', type: 'integer', nonNullCount: 501, distinctCount: 501 });
  it('needs more than 500 rows', () => {
    expect(uniqueRules(id, 501)).toHaveLength(1);
    expect(uniqueRules({ ...id, nonNullCount: 500, distinctCount: 500 }, 500)).toEqual([]);
  });
  it('needs every non-null value to be distinct when counted exactly', () => {
    expect(uniqueRules({ ...id, distinctCount: 500 }, 501)).toEqual([]);
  });
  it('accepts an estimate close to the row count, with less confidence', () => {
    const exact = uniqueRules(id, 501)[0];
    const approx = uniqueRules({ ...id, distinctExact: false, distinctCount: 495 }, 501)[0];
    expect(approx.heuristic).toBe('deequ.approximately-unique');
    expect(approx.baseConfidence).toBeLessThan(exact.baseConfidence);
  });
  it('skips decimals, timestamps and long free text', () => {
    expect(uniqueRules({ ...id, type: 'decimal' }, 501)).toEqual([]);
    expect(uniqueRules({ ...id, type: 'timestamp' }, 501)).toEqual([]);
    expect(uniqueRules({ ...id, type: 'string', maxLength: 300 }, 501)).toEqual([]);
  });
});

describe('ACCEPTED_VALUES (Deequ categorical ranges)', () => {
  const status = column({
    name: 'status',
    nonNullCount: 1000,
    distinctCount: 4,
    singletonCount: 0,
    topValuesComplete: true,
    topValues: [
      { value: 'paid', count: 400 },
      { value: 'new', count: 300 },
      { value: 'shipped', count: 200 },
      { value: 'cancelled', count: 100 },
    ],
  });
  it('lists every value when at most 10% of distinct values are singletons', () => {
    const [d] = acceptedValuesRules(status, 1000);
    expect(d.ast).toMatchObject({ type: 'ACCEPTED_VALUES' });
    expect(
      d.ast.type === 'ACCEPTED_VALUES' && d.ast.values.map((v) => v.kind === 'string' && v.value),
    ).toEqual(['paid', 'new', 'shipped', 'cancelled']);
    expect(d.ast.mostly).toBeUndefined();
  });
  it('uses number literals for numeric columns, deduplicating equal numbers', () => {
    const [d] = acceptedValuesRules(
      {
        ...status,
        type: 'decimal',
        distinctCount: 3,
        topValues: [
          { value: '1', count: 500 },
          { value: '1.0', count: 300 },
          { value: '2.50', count: 200 },
        ],
      },
      1000,
    );
    expect(d.ast.type === 'ACCEPTED_VALUES' && d.ast.values).toEqual([
      { kind: 'number', text: '1' },
      { kind: 'number', text: '2.5' },
    ]);
  });
  it('covers the top 90% with MOSTLY when up to 40% of distinct values are singletons', () => {
    const top = [
      { value: 'a', count: 600 },
      { value: 'b', count: 300 },
      { value: 'c', count: 50 },
      { value: 'd', count: 25 },
      { value: 'e', count: 22 },
      { value: 'x', count: 1 },
      { value: 'y', count: 1 },
      { value: 'z', count: 1 },
    ];
    const [d] = acceptedValuesRules({ ...status, distinctCount: 8, singletonCount: 3, topValues: top }, 1000);
    expect(d.heuristic).toBe('deequ.fractional-categorical-range');
    expect(d.ast.type === 'ACCEPTED_VALUES' && d.ast.values).toHaveLength(2);
    // 900 of 1000: 0.9 − 1.96·√(0.09/1000) = 0.88140…
    expect(d.ast.mostly).toBe('88.14');
  });
  it('proposes nothing when singletons dominate, the list is incomplete, or the column is boolean', () => {
    expect(acceptedValuesRules({ ...status, singletonCount: 2 }, 1000)).toEqual([]);
    expect(acceptedValuesRules({ ...status, topValuesComplete: false }, 1000)).toEqual([]);
    expect(acceptedValuesRules({ ...status, type: 'boolean' }, 1000)).toEqual([]);
    expect(acceptedValuesRules(status, 10)).toEqual([]);
  });
});

describe('IN_RANGE', () => {
  const amount = column({ name: 'amount', type: 'decimal', min: 0.5, max: 9_870.25 });
  it('proposes a non-negative range when the minimum is ≥ 0', () => {
    const [d] = rangeRules(amount, 1000, null);
    expect(d.ast).toEqual({
      type: 'IN_RANGE',
      column: { kind: 'column', name: 'amount' },
      min: { kind: 'number', text: '0' },
      max: { kind: 'null' },
    });
  });
  it('proposes nothing for negative values without history, or with unreadable values', () => {
    expect(rangeRules({ ...amount, min: -3 }, 1000, null)).toEqual([]);
    expect(rangeRules({ ...amount, unreadableCount: 1 }, 1000, null)).toEqual([]);
  });
  it('adds 10% slack around a range that stayed stable over the versions', () => {
    const [d] = rangeRules({ ...amount, min: -40, max: 960 }, 1000, { mins: [-50, -45], maxs: [950, 1000] });
    expect(d.heuristic).toBe('range.stable');
    // span 1050, slack 105, rounded to steps of 20: [-160, 1120]
    expect(d.ast).toMatchObject({ min: { text: '-160' }, max: { text: '1120' } });
  });
  it('does not call a drifting range stable', () => {
    const [d] = rangeRules({ ...amount, min: 0, max: 5000 }, 1000, { mins: [0, 0], maxs: [100, 200] });
    expect(d.heuristic).toBe('deequ.non-negative');
  });
});

describe('MATCHES', () => {
  it('proposes the fixed-length digit pattern for zip codes', () => {
    const zip = column({
      name: 'zip',
      minLength: 5,
      maxLength: 5,
      patterns: [{ name: 'digits', regex: '^[0-9]+$', count: 1000, share: 1 }],
    });
    expect(dominantPattern(zip)?.regex).toBe('^[0-9]{5}$');
    const [d] = patternRules(zip, 1000, false);
    expect(d.ast).toMatchObject({ type: 'MATCHES', pattern: '^[0-9]{5}$' });
    expect(d.rationale).toContain('5-character digit strings');
  });
  it('uses MOSTLY for a dominant but incomplete pattern, and nothing below 90%', () => {
    const email = column({
      name: 'email',
      patterns: [{ name: 'email', regex: '^x$', count: 950, share: 0.95 }],
    });
    expect(patternRules(email, 1000, false)[0].ast.mostly).toBe('93.64');
    const weak = column({
      name: 'email',
      patterns: [{ name: 'email', regex: '^x$', count: 800, share: 0.8 }],
    });
    expect(patternRules(weak, 1000, false)).toEqual([]);
  });
  it('checks a detected date format', () => {
    const created = column({ name: 'created_at', type: 'timestamp', format: 'YYYY/MM/DD HH:mm:ss' });
    expect(patternRules(created, 1000, false)[0].ast).toMatchObject({
      pattern: '^[0-9]{4}/[0-9]{2}/[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}$',
    });
  });
  it('is skipped when the column already has an accepted-values list', () => {
    const code = column({
      name: 'c',
      patterns: [{ name: 'upper', regex: '^[A-Z]+$', count: 1000, share: 1 }],
    });
    expect(patternRules(code, 1000, true)).toEqual([]);
  });
});

describe('dataset-level rules', () => {
  it('proposes a non-empty ROW_COUNT, or half the smallest version with history', () => {
    expect(rowCountRules(dataset(5, []), [])[0].ast).toMatchObject({ min: { text: '1' } });
    expect(rowCountRules(dataset(0, []), [])).toEqual([]);
    const [d] = rowCountRules(dataset(1000, []), [dataset(900, []), dataset(1100, [])]);
    expect(d.ast).toMatchObject({ type: 'ROW_COUNT', min: { text: '450' }, max: { kind: 'null' } });
  });

  it('proposes FRESHNESS when the newest value is recent, with twice the lag', () => {
    const ts = column({ name: 'updated_at', type: 'timestamp', max: '2024-06-01T09:00:00.000Z' });
    const [d] = freshnessRules(ts, dataset(100, [ts]), []);
    expect(d.ast).toMatchObject({ type: 'FRESHNESS', window: { amount: 6, unit: 'h' } });
    const old = { ...ts, max: '2015-01-01T00:00:00.000Z' };
    expect(freshnessRules(old, dataset(100, [old]), [])).toEqual([]);
  });
});

describe('keyLike', () => {
  it('recognises identifier names', () => {
    for (const n of ['id', 'order_id', 'customerId', 'ORDER_NO', 'sku_code', 'uuid'])
      expect(keyLike(n)).toBe(true);
    for (const n of ['amount', 'valid', 'paid', 'width']) expect(keyLike(n)).toBe(false);
  });
});
