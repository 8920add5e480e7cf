import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { AuditEntryDto, AuditQuery, AuditVerifyResponse, PageQuery, Paged, UserDto } from '@dqw/shared-types';
import { Observable, map } from 'rxjs';

/** Filters of `GET /api/audit`; `from`/`to` are ISO timestamps. */
export type AuditFilters = Omit<AuditQuery, 'page' | 'pageSize'>;

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

  /** The accounts that can appear as actors, for the actor filter (Admins may list users). */
  actors(): Observable<UserDto[]> {
    return this.http
      .get<Paged<UserDto>>('/api/users', { params: { page: 1, pageSize: 200 } })
      .pipe(map((page) => page.items));
  }

  verify(): Observable<AuditVerifyResponse> {
    return this.http.get<AuditVerifyResponse>('/api/audit/verify');
  }
}
