import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { AuditEntryDto, AuditVerifyResponse, PageQuery, Paged } from '@dqw/shared-types';
import { Observable } from 'rxjs';

/** Filters of `GET /api/audit`; `from`/`to` are ISO timestamps. */
export interface AuditFilters {
  actor?: string;
  action?: string;
  entityType?: string;
  from?: string;
  to?: string;
}

/** Typed calls to `/api/audit` (Admin only). */
@Injectable({ providedIn: 'root' })
export class AuditApi {
  private readonly http = inject(HttpClient);

  list(filters: AuditFilters, page: PageQuery): Observable<Paged<AuditEntryDto>> {
    let params = new HttpParams().set('page', page.page ?? 1).set('pageSize', page.pageSize ?? 50);
    for (const [key, value] of Object.entries(filters)) {
      if (typeof value === 'string' && value.trim() !== '') params = params.set(key, value.trim());
    }
    return this.http.get<Paged<AuditEntryDto>>('/api/audit', { params });
  }

  verify(): Observable<AuditVerifyResponse> {
    return this.http.get<AuditVerifyResponse>('/api/audit/verify');
  }
}
