import { HttpClient, HttpEvent, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  AcceptRecommendationRequest,
  ColumnProfileDto,
  CreateTableDatasetRequest,
  CsvFormatOverrides,
  DatasetDetailDto,
  DatasetDto,
  DatasetListQuery,
  DatasetVersionDto,
  DeleteDatasetResponse,
  Paged,
  ProfileDto,
  RecommendationDto,
  RecommendationStatus,
  RuleDetailDto,
  RunDetailDto,
  RunRulesResponse,
  UpdateDatasetRequest,
  UploadResultDto,
  ValidateRuleResponse,
} from '@dqw/shared-types';
import { Observable } from 'rxjs';
import { inlineErrors } from '../../core/http/http-context';

/** The engine's column profile is a superset of DESIGN §9's; these extra fields are optional here. */
export interface ColumnProfileView extends ColumnProfileDto {
  inferredType?: ColumnProfileDto['type'];
  format?: string | null;
  formatCandidates?: string[];
  unreadableCount?: number;
  distinctExact?: boolean;
  topValuesComplete?: boolean;
  nullMarkerCounts?: { value: string; count: number }[];
}

/** `GET /api/datasets/{id}/profile`. */
export interface ProfileView extends ProfileDto {
  columns: ColumnProfileView[];
  profiledAt?: string;
  /** The null markers that were applied when profiling. */
  nullMarkers?: string[];
}

/** `GET …/recommendations` items carry a few more fields than DESIGN §9's shape. */
export interface RecommendationView extends RecommendationDto {
  heuristic?: string;
  acceptedDsl?: string | null;
  ruleId?: string | null;
}

/** The fields of `POST /api/datasets` (multipart) besides the file. */
export interface NewDatasetFields {
  name: string;
  description?: string;
  sensitive?: boolean;
  nullMarkers?: string[];
  format?: CsvFormatOverrides;
}

/** Typed calls to `/api/datasets` and the runs of a dataset. Errors of forms are shown inline. */
@Injectable({ providedIn: 'root' })
export class DatasetsApi {
  private readonly http = inject(HttpClient);

  list(query: DatasetListQuery): Observable<Paged<DatasetDto>> {
    let params = new HttpParams().set('page', query.page ?? 1).set('pageSize', query.pageSize ?? 25);
    if (query.q?.trim()) params = params.set('q', query.q.trim());
    if (query.sourceType) params = params.set('sourceType', query.sourceType);
    return this.http.get<Paged<DatasetDto>>('/api/datasets', { params });
  }

  get(id: string): Observable<DatasetDetailDto> {
    return this.http.get<DatasetDetailDto>(url(id));
  }

  update(id: string, body: UpdateDatasetRequest): Observable<DatasetDetailDto> {
    return this.http.patch<DatasetDetailDto>(url(id), body, { context: inlineErrors() });
  }

  remove(id: string): Observable<DeleteDatasetResponse> {
    return this.http.delete<DeleteDatasetResponse>(url(id));
  }

  versions(id: string, page = 1, pageSize = 20): Observable<Paged<DatasetVersionDto>> {
    const params = new HttpParams().set('page', page).set('pageSize', pageSize);
    return this.http.get<Paged<DatasetVersionDto>>(`${url(id)}/versions`, { params });
  }

  profile(id: string): Observable<ProfileView> {
    return this.http.get<ProfileView>(`${url(id)}/profile`);
  }

  recommendations(
    id: string,
    status: RecommendationStatus | 'all' = 'proposed',
  ): Observable<Paged<RecommendationView>> {
    const params = new HttpParams().set('status', status).set('pageSize', 200);
    return this.http.get<Paged<RecommendationView>>(`${url(id)}/recommendations`, { params });
  }

  accept(id: string, rid: string, body: AcceptRecommendationRequest): Observable<RuleDetailDto> {
    return this.http.post<RuleDetailDto>(`${url(id)}/recommendations/${enc(rid)}/accept`, body, {
      context: inlineErrors(),
    });
  }

  dismiss(id: string, rid: string): Observable<RecommendationDto> {
    return this.http.post<RecommendationDto>(`${url(id)}/recommendations/${enc(rid)}/dismiss`, {});
  }

  /** Checks rule text against the dataset's columns; answers the problems with their positions. */
  validateDsl(dsl: string, datasetId: string): Observable<ValidateRuleResponse> {
    return this.http.post<ValidateRuleResponse>(
      '/api/rules/validate',
      { dsl, datasetId },
      { context: inlineErrors() },
    );
  }

  /**
   * Uploads a CSV as a new dataset, reporting upload progress. The fields go before the file: the server
   * refuses a taken name before receiving the bytes, and knows whether to encrypt them.
   */
  upload(file: File, fields: NewDatasetFields): Observable<HttpEvent<UploadResultDto>> {
    const body = new FormData();
    body.append('name', fields.name);
    if (fields.description) body.append('description', fields.description);
    body.append('sensitive', String(fields.sensitive ?? false));
    if (fields.nullMarkers?.length) body.append('nullMarkers', JSON.stringify(fields.nullMarkers));
    appendFormat(body, fields.format);
    body.append('file', file, file.name);
    return this.http.post<UploadResultDto>('/api/datasets', body, {
      reportProgress: true,
      observe: 'events',
      context: inlineErrors(),
    });
  }

  /** Uploads a new version of a CSV dataset (identical bytes answer `created: false`). */
  uploadVersion(id: string, file: File, format?: CsvFormatOverrides): Observable<HttpEvent<UploadResultDto>> {
    const body = new FormData();
    appendFormat(body, format);
    body.append('file', file, file.name);
    return this.http.post<UploadResultDto>(`${url(id)}/versions`, body, {
      reportProgress: true,
      observe: 'events',
      context: inlineErrors(),
    });
  }

  /** A table dataset: read the table again as a new version. */
  snapshot(id: string): Observable<DatasetVersionDto> {
    return this.http.post<DatasetVersionDto>(`${url(id)}/versions`, null);
  }

  registerTable(body: CreateTableDatasetRequest): Observable<DatasetDetailDto> {
    return this.http.post<DatasetDetailDto>('/api/datasets', body, { context: inlineErrors() });
  }

  /** Queues every active rule of the dataset (202 with the new run ids). */
  runAll(datasetId: string): Observable<RunRulesResponse> {
    return this.http.post<RunRulesResponse>('/api/rules/run', { datasetId });
  }

  runs(datasetId: string, pageSize = 10): Observable<Paged<RunDetailDto>> {
    const params = new HttpParams().set('datasetId', datasetId).set('pageSize', pageSize);
    return this.http.get<Paged<RunDetailDto>>('/api/runs', { params });
  }

  /** How many active rules the dataset has (for "Run all rules"). */
  ruleCount(datasetId: string): Observable<Paged<unknown>> {
    const params = new HttpParams().set('datasetId', datasetId).set('active', true).set('pageSize', 1);
    return this.http.get<Paged<unknown>>('/api/rules', { params });
  }
}

/** Where a version's file is downloaded from (DataEngineer and Admin; the download is audited). */
export function versionDownloadUrl(datasetId: string, versionNumber: number): string {
  return `${url(datasetId)}/versions/${versionNumber}/download`;
}

function url(id: string): string {
  return `/api/datasets/${enc(id)}`;
}

function enc(id: string): string {
  return encodeURIComponent(id);
}

function appendFormat(body: FormData, format: CsvFormatOverrides | undefined): void {
  if (!format) return;
  if (format.delimiter) body.append('delimiter', format.delimiter === '\t' ? '\\t' : format.delimiter);
  if (format.quote) body.append('quote', format.quote);
  if (format.escape) body.append('escape', format.escape);
  if (format.header !== undefined) body.append('header', String(format.header));
  if (format.encoding) body.append('encoding', format.encoding);
}
