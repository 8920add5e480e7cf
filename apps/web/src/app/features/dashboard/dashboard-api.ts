import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  DashboardBreakdown,
  DashboardStatsDto,
  DashboardTrendsDto,
  DatasetDto,
  IncidentHeatmapDto,
  IncidentListResponse,
  Paged,
  RulePassRatesDto,
} from '@dqw/shared-types';
import { Observable } from 'rxjs';

/** Rules shown in the pass-rate bars (the worst ones). */
export const PASS_RATE_RULES = 10;
/** Incidents in "Recent incidents". */
export const RECENT_INCIDENTS = 5;

function params(values: Record<string, string | number | null | undefined>): HttpParams {
  let p = new HttpParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== null && value !== undefined && value !== '') p = p.set(key, value);
  }
  return p;
}

/** Typed calls to `/api/dashboard/*` and the lists the dashboard shows a slice of. */
@Injectable({ providedIn: 'root' })
export class DashboardApi {
  private readonly http = inject(HttpClient);

  stats(datasetId: string | null, breakdown: DashboardBreakdown = 'none'): Observable<DashboardStatsDto> {
    return this.http.get<DashboardStatsDto>('/api/dashboard/stats', {
      params: params({ datasetId, breakdown }),
    });
  }

  trends(days: number, datasetId: string | null): Observable<DashboardTrendsDto> {
    return this.http.get<DashboardTrendsDto>('/api/dashboard/trends', {
      params: params({ days, datasetId }),
    });
  }

  /** The worst rules first. */
  passRates(days: number, datasetId: string | null): Observable<RulePassRatesDto> {
    return this.http.get<RulePassRatesDto>('/api/dashboard/rule-pass-rates', {
      params: params({ days, datasetId, sort: 'passRate', page: 1, pageSize: PASS_RATE_RULES }),
    });
  }

  heatmap(days: number, datasetId: string | null): Observable<IncidentHeatmapDto> {
    return this.http.get<IncidentHeatmapDto>('/api/dashboard/heatmap', {
      params: params({ days, datasetId }),
    });
  }

  /** The newest incidents, whatever their status. */
  recentIncidents(datasetId: string | null): Observable<IncidentListResponse> {
    return this.http.get<IncidentListResponse>('/api/incidents', {
      params: params({ datasetId, sort: '-openedAt', page: 1, pageSize: RECENT_INCIDENTS }),
    });
  }

  /** For the dataset filter (the first 200 by name). */
  datasets(): Observable<Paged<DatasetDto>> {
    return this.http.get<Paged<DatasetDto>>('/api/datasets', { params: { page: 1, pageSize: 200 } });
  }
}
