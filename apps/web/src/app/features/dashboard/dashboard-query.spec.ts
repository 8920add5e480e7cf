import { convertToParamMap } from '@angular/router';
import {
  datasetIncidentsLink,
  dayRunsLink,
  openIncidentsLink,
  queryFromParams,
  queryToParams,
  sameQuery,
} from './dashboard-query';

describe('dashboard URL state', () => {
  it('reads the range and dataset, falling back to 30 days and all datasets', () => {
    expect(queryFromParams(convertToParamMap({}))).toEqual({ days: 30, datasetId: null });
    expect(queryFromParams(convertToParamMap({ days: '7', datasetId: 'a1b2-c3' }))).toEqual({
      days: 7,
      datasetId: 'a1b2-c3',
    });
    expect(queryFromParams(convertToParamMap({ days: '90' })).days).toBe(90);
    // Only the offered ranges; anything else is the default rather than an error.
    expect(queryFromParams(convertToParamMap({ days: '12' })).days).toBe(30);
    expect(queryFromParams(convertToParamMap({ days: 'all' })).days).toBe(30);
    expect(queryFromParams(convertToParamMap({ datasetId: '../../etc' })).datasetId).toBeNull();
  });

  it('writes only what differs from the default, so the plain URL stays plain', () => {
    expect(queryToParams({ days: 30, datasetId: null })).toEqual({ days: null, datasetId: null });
    expect(queryToParams({ days: 90, datasetId: 'd1' })).toEqual({ days: '90', datasetId: 'd1' });
  });

  it('round-trips through the URL', () => {
    for (const q of [
      { days: 7, datasetId: 'x' },
      { days: 30, datasetId: null },
      { days: 90, datasetId: null },
    ] as const) {
      const params = Object.fromEntries(
        Object.entries(queryToParams(q)).filter((e): e is [string, string] => e[1] !== null),
      );
      expect(sameQuery(queryFromParams(convertToParamMap(params)), q)).toBe(true);
    }
  });

  it("links a trend day to exactly that day's runs", () => {
    const day = { from: '2026-01-05T00:00:00.000Z', to: '2026-01-06T00:00:00.000Z' };
    expect(dayRunsLink(day, null)).toEqual({ path: '/runs', queryParams: { ...day } });
    expect(dayRunsLink(day, 'd1').queryParams).toEqual({ ...day, datasetId: 'd1' });
  });

  it("links a heatmap cell to the dataset's incidents of that day, in any status", () => {
    expect(datasetIncidentsLink('d1', '2026-01-05', '2026-01-05')).toEqual({
      path: '/incidents',
      queryParams: { datasetId: 'd1', status: 'all', from: '2026-01-05', to: '2026-01-05', tz: 'utc' },
    });
    expect(datasetIncidentsLink('d1').queryParams).toEqual({ datasetId: 'd1', status: 'all' });
    expect(openIncidentsLink(null, { severity: 'HIGH' }).queryParams).toEqual({ severity: 'HIGH' });
    expect(openIncidentsLink('d1').queryParams).toEqual({ datasetId: 'd1' });
  });
});
