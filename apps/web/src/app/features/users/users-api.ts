import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { CreateUserRequest, PageQuery, Paged, UpdateUserRequest, UserDto } from '@dqw/shared-types';
import { Observable } from 'rxjs';
import { inlineErrors } from '../../core/http/http-context';

/** Typed calls to `/api/users` (Admin only). */
@Injectable({ providedIn: 'root' })
export class UsersApi {
  private readonly http = inject(HttpClient);

  list(query: PageQuery): Observable<Paged<UserDto>> {
    const params = new HttpParams({ fromObject: { page: query.page ?? 1, pageSize: query.pageSize ?? 50 } });
    return this.http.get<Paged<UserDto>>('/api/users', { params });
  }

  /** Errors are shown in the form, next to the fields. */
  create(body: CreateUserRequest): Observable<UserDto> {
    return this.http.post<UserDto>('/api/users', body, { context: inlineErrors() });
  }

  update(id: string, body: UpdateUserRequest, options: { inline?: boolean } = {}): Observable<UserDto> {
    return this.http.patch<UserDto>(`/api/users/${encodeURIComponent(id)}`, body, {
      context: options.inline ? inlineErrors() : undefined,
    });
  }
}
