import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { CreateUserRequest, Paged, UpdateUserRequest, UserDto, UserListQuery } from '@dqw/shared-types';
import { Observable } from 'rxjs';
import { inlineErrors } from '../../core/http/http-context';

/** Typed calls to `/api/users` (Admin only). */
@Injectable({ providedIn: 'root' })
export class UsersApi {
  private readonly http = inject(HttpClient);

  list(query: UserListQuery): Observable<Paged<UserDto>> {
    let params = new HttpParams().set('page', query.page ?? 1).set('pageSize', query.pageSize ?? 50);
    if (query.q?.trim()) params = params.set('q', query.q.trim());
    if (query.role) params = params.set('role', query.role);
    if (query.active !== undefined) params = params.set('active', String(query.active));
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
