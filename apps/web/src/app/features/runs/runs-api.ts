import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  EvidenceDto,
  LatestRunsDto,
  Paged,
  RunDetailDto,
  RunListQuery,
  RunWithPlanDto,
} from '@dqw/shared-types';
import { Observable } from 'rxjs';

/** Typed calls to `/api/runs`. */
@Injectable({ providedIn: 'root' })
export class RunsApi {
  private readonly http = inject(HttpClient);

  list(query: RunListQuery): Observable<Paged<RunDetailDto>> {
    let params = new HttpParams().set('page', query.page ?? 1).set('pageSize', query.pageSize ?? 25);
    for (const key of ['datasetId', 'ruleId', 'status', 'verdict', 'trigger', 'from', 'to'] as const) {
      const value = query[key];
      if (value) params = params.set(key, value);
    }
    return this.http.get<Paged<RunDetailDto>>('/api/runs', { params });
  }

  /** Each listed rule's newest run, in one request (rules that never ran are left out). */
  latest(ruleIds: readonly string[]): Observable<LatestRunsDto> {
    return this.http.get<LatestRunsDto>('/api/runs/latest', {
      params: new HttpParams().set('ruleIds', ruleIds.join(',')),
    });
  }

  get(id: string): Observable<RunWithPlanDto> {
    return this.http.get<RunWithPlanDto>(`/api/runs/${encodeURIComponent(id)}`);
  }

  evidence(id: string): Observable<EvidenceDto> {
    return this.http.get<EvidenceDto>(`/api/runs/${encodeURIComponent(id)}/evidence`);
  }
}

/** Where the browser downloads a run's evidence as CSV (the session cookie authenticates the GET). */
export function evidenceCsvUrl(runId: string): string {
  return `/api/runs/${encodeURIComponent(runId)}/evidence.csv`;
}
