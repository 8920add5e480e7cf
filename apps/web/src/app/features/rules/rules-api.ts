import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  ColumnDto,
  CreateRuleRequest,
  DatasetDetailDto,
  DatasetDto,
  Paged,
  PreviewRuleRequest,
  PreviewRuleResponse,
  RuleDetailDto,
  RuleListQuery,
  RuleVersionDto,
  RunRulesRequest,
  RunRulesResponse,
  UpdateRuleRequest,
  ValidateRuleRequest,
  ValidateRuleResponse,
} from '@dqw/shared-types';
import { Observable } from 'rxjs';
import { inlineErrors } from '../../core/http/http-context';

/**
 * `GET /api/datasets/{id}/sample`: the first rows of the current version as raw text. The API declares
 * this shape only as a Swagger class (`SampleResponse`), not in `@dqw/shared-types`.
 */
export interface DatasetSample {
  versionId: string;
  columns: ColumnDto[];
  rows: Record<string, string | null>[];
}

/** The most rows the sample endpoint (and the API's preview) hands out. */
export const MAX_SAMPLE_ROWS = 1000;

/** Typed calls to `/api/rules`, and the few dataset reads the rule pages need. */
@Injectable({ providedIn: 'root' })
export class RulesApi {
  private readonly http = inject(HttpClient);

  list(query: RuleListQuery): Observable<Paged<RuleDetailDto>> {
    let params = new HttpParams().set('page', query.page ?? 1).set('pageSize', query.pageSize ?? 25);
    if (query.datasetId) params = params.set('datasetId', query.datasetId);
    if (query.type) params = params.set('type', query.type);
    if (query.severity) params = params.set('severity', query.severity);
    if (query.active !== undefined) params = params.set('active', String(query.active));
    if (query.q?.trim()) params = params.set('q', query.q.trim());
    return this.http.get<Paged<RuleDetailDto>>('/api/rules', { params });
  }

  get(id: string): Observable<RuleDetailDto> {
    return this.http.get<RuleDetailDto>(`/api/rules/${encodeURIComponent(id)}`);
  }

  /** Errors are shown in the editor, at their fields and positions. */
  create(body: CreateRuleRequest): Observable<RuleDetailDto> {
    return this.http.post<RuleDetailDto>('/api/rules', body, { context: inlineErrors() });
  }

  update(id: string, body: UpdateRuleRequest): Observable<RuleDetailDto> {
    return this.http.patch<RuleDetailDto>(`/api/rules/${encodeURIComponent(id)}`, body, {
      context: inlineErrors(),
    });
  }

  remove(id: string): Observable<void> {
    return this.http.delete<void>(`/api/rules/${encodeURIComponent(id)}`);
  }

  versions(id: string, pageSize = 50): Observable<Paged<RuleVersionDto>> {
    return this.http.get<Paged<RuleVersionDto>>(`/api/rules/${encodeURIComponent(id)}/versions`, {
      params: { page: 1, pageSize },
    });
  }

  validate(body: ValidateRuleRequest): Observable<ValidateRuleResponse> {
    return this.http.post<ValidateRuleResponse>('/api/rules/validate', body, { context: inlineErrors() });
  }

  preview(body: PreviewRuleRequest): Observable<PreviewRuleResponse> {
    return this.http.post<PreviewRuleResponse>('/api/rules/preview', body, { context: inlineErrors() });
  }

  /** Queues runs (202); a failure is announced by the interceptor's toast. */
  run(body: RunRulesRequest): Observable<RunRulesResponse> {
    return this.http.post<RunRulesResponse>('/api/rules/run', body);
  }

  /** Datasets for pickers and names (the first 200, by the API's order). */
  datasets(): Observable<Paged<DatasetDto>> {
    return this.http.get<Paged<DatasetDto>>('/api/datasets', { params: { page: 1, pageSize: 200 } });
  }

  dataset(id: string): Observable<DatasetDetailDto> {
    return this.http.get<DatasetDetailDto>(`/api/datasets/${encodeURIComponent(id)}`);
  }

  sample(id: string, limit = MAX_SAMPLE_ROWS): Observable<DatasetSample> {
    return this.http.get<DatasetSample>(`/api/datasets/${encodeURIComponent(id)}/sample`, {
      params: { limit },
    });
  }
}
