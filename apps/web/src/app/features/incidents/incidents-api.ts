import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  BulkIncidentRequest,
  BulkIncidentResponse,
  DatasetDetailDto,
  DatasetDto,
  IncidentAssigneeDto,
  IncidentDetailDto,
  IncidentDto,
  IncidentEventDto,
  IncidentListQuery,
  IncidentListResponse,
  Paged,
  RuleDetailDto,
  UpdateIncidentRequest,
} from '@dqw/shared-types';
import { Observable } from 'rxjs';
import { inlineErrors } from '../../core/http/http-context';

/** Typed calls to `/api/incidents`, and the dataset and rule reads its pickers need. */
@Injectable({ providedIn: 'root' })
export class IncidentsApi {
  private readonly http = inject(HttpClient);

  list(query: IncidentListQuery): Observable<IncidentListResponse> {
    let params = new HttpParams().set('page', query.page ?? 1).set('pageSize', query.pageSize ?? 25);
    for (const key of [
      'status',
      'severity',
      'datasetId',
      'ruleId',
      'assigneeId',
      'from',
      'to',
      'sort',
    ] as const) {
      const value = query[key];
      if (value) params = params.set(key, value);
    }
    if (query.q?.trim()) params = params.set('q', query.q.trim());
    if (query.breached !== undefined) params = params.set('breached', String(query.breached));
    if (query.flapping !== undefined) params = params.set('flapping', String(query.flapping));
    return this.http.get<IncidentListResponse>('/api/incidents', { params });
  }

  get(id: string): Observable<IncidentDetailDto> {
    return this.http.get<IncidentDetailDto>(`/api/incidents/${encodeURIComponent(id)}`);
  }

  /** The whole timeline, oldest first, one page at a time. */
  timeline(id: string, page: number, pageSize: number): Observable<Paged<IncidentEventDto>> {
    return this.http.get<Paged<IncidentEventDto>>(`/api/incidents/${encodeURIComponent(id)}/timeline`, {
      params: { page, pageSize },
    });
  }

  /** Errors (409 with the allowed transitions, 400) are shown by the page, in its own words. */
  update(id: string, body: UpdateIncidentRequest): Observable<IncidentDto> {
    return this.http.patch<IncidentDto>(`/api/incidents/${encodeURIComponent(id)}`, body, {
      context: inlineErrors(),
    });
  }

  comment(id: string, body: string): Observable<IncidentEventDto> {
    return this.http.post<IncidentEventDto>(
      `/api/incidents/${encodeURIComponent(id)}/comments`,
      { body },
      { context: inlineErrors() },
    );
  }

  bulk(body: BulkIncidentRequest): Observable<BulkIncidentResponse> {
    return this.http.post<BulkIncidentResponse>('/api/incidents/bulk', body, { context: inlineErrors() });
  }

  assignees(): Observable<IncidentAssigneeDto[]> {
    return this.http.get<IncidentAssigneeDto[]>('/api/incidents/assignees');
  }

  /** Datasets for the filter and the names in the table (the first 200). */
  datasets(): Observable<Paged<DatasetDto>> {
    return this.http.get<Paged<DatasetDto>>('/api/datasets', { params: { page: 1, pageSize: 200 } });
  }

  dataset(id: string): Observable<DatasetDetailDto> {
    return this.http.get<DatasetDetailDto>(`/api/datasets/${encodeURIComponent(id)}`);
  }

  /** Rules for the filter (the first 200, of one dataset when given). */
  rules(datasetId?: string): Observable<Paged<RuleDetailDto>> {
    let params = new HttpParams().set('page', 1).set('pageSize', 200);
    if (datasetId) params = params.set('datasetId', datasetId);
    return this.http.get<Paged<RuleDetailDto>>('/api/rules', { params });
  }
}
