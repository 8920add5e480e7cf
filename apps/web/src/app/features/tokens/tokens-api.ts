import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { ApiTokenDto, CreateTokenRequest, CreatedTokenResponse, Paged } from '@dqw/shared-types';
import { Observable, map } from 'rxjs';
import { inlineErrors } from '../../core/http/http-context';

/** Typed calls to `/api/auth/tokens`: the signed-in user's own personal API tokens. */
@Injectable({ providedIn: 'root' })
export class TokensApi {
  private readonly http = inject(HttpClient);

  list(): Observable<ApiTokenDto[]> {
    return this.http
      .get<Paged<ApiTokenDto> | ApiTokenDto[]>('/api/auth/tokens', { params: { pageSize: 200 } })
      .pipe(map((body) => (Array.isArray(body) ? body : body.items)));
  }

  create(body: CreateTokenRequest): Observable<CreatedTokenResponse> {
    return this.http.post<CreatedTokenResponse>('/api/auth/tokens', body, { context: inlineErrors() });
  }

  revoke(id: string): Observable<unknown> {
    return this.http.delete(`/api/auth/tokens/${encodeURIComponent(id)}`);
  }
}
