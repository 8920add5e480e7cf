import { convertToParamMap } from '@angular/router';
import {
  defaultFilters,
  filtersFromParams,
  filtersToParams,
  isNarrowed,
  toListQuery,
  toggled,
} from './incident-filters';

const params = (values: Record<string, string>) => convertToParamMap(values);

describe('incident filters in the URL', () => {
  it('defaults to live incidents (not resolved), newest first, with a clean URL', () => {
    const f = filtersFromParams(params({}));
    expect(f.statuses).toEqual(['OPEN', 'ACKNOWLEDGED', 'MUTED']);
    expect(isNarrowed(f)).toBe(false);
    expect(Object.values(filtersToParams(f)).every((v) => v === null)).toBe(true);
  });

  it('round-trips every filter through the query string', () => {
    const f = {
      ...defaultFilters(),
      statuses: ['RESOLVED' as const, 'OPEN' as const],
      severities: ['LOW' as const, 'HIGH' as const],
      datasetId: 'ds-1',
      ruleId: 'rule-1',
      assignee: 'me',
      breached: true,
      flapping: true,
      from: '2026-03-01',
      to: '2026-03-07',
      q: 'email',
      sort: 'slaDueAt' as const,
      page: 3,
    };
    const query = filtersToParams(f);
    expect(query).toMatchObject({
      status: 'OPEN,RESOLVED',
      severity: 'HIGH,LOW',
      page: '3',
      sort: 'slaDueAt',
    });
    const back = filtersFromParams(
      params(
        Object.fromEntries(Object.entries(query).filter(([, v]) => v !== null)) as Record<string, string>,
      ),
    );
    expect(back).toEqual({ ...f, statuses: ['OPEN', 'RESOLVED'], severities: ['HIGH', 'LOW'] });
    expect(filtersToParams({ ...f, statuses: [] })['status']).toBe('all');
    expect(filtersFromParams(params({ status: 'all' })).statuses).toEqual([]);
  });

  it('ignores malformed values instead of failing the page', () => {
    const f = filtersFromParams(
      params({
        status: 'BOGUS',
        severity: 'x',
        sort: 'drop table',
        page: '-2',
        from: '03/01/2026',
        datasetId: '../x',
      }),
    );
    expect(f).toEqual(defaultFilters());
  });
});

describe('toListQuery', () => {
  it('sends days as instants (to is the start of the next day) and leaves unset filters out', () => {
    const query = toListQuery({ ...defaultFilters(), from: '2026-03-01', to: '2026-03-01', q: '  x ' }, 25);
    expect(query.status).toBe('OPEN,ACKNOWLEDGED,MUTED');
    expect(new Date(query.from as string).getDate()).toBe(1);
    expect(Date.parse(query.to as string) - Date.parse(query.from as string)).toBe(24 * 3600_000);
    expect(query.q).toBe('x');
    expect(Object.keys(query).sort()).toEqual(['from', 'page', 'pageSize', 'q', 'sort', 'status', 'to']);
  });

  it('reads ?tz=utc days (the dashboard heatmap’s) as UTC days, and writes the flag back only with days', () => {
    const f = filtersFromParams(params({ from: '2026-03-01', to: '2026-03-01', tz: 'utc', datasetId: 'd1' }));
    expect(f.utcDays).toBe(true);
    const query = toListQuery(f, 25);
    expect([query.from, query.to]).toEqual(['2026-03-01T00:00:00.000Z', '2026-03-02T00:00:00.000Z']);
    expect(filtersToParams(f)['tz']).toBe('utc');
    expect(filtersFromParams(params({ tz: 'utc' })).utcDays).toBe(false);
    expect(filtersToParams({ ...f, from: null, to: null })['tz']).toBeNull();
  });

  it('toggles chips on and off', () => {
    expect(toggled(['OPEN'], 'MUTED')).toEqual(['OPEN', 'MUTED']);
    expect(toggled(['OPEN', 'MUTED'], 'OPEN')).toEqual(['MUTED']);
  });
});
