import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  ConnectionDto,
  ConnectionTestResult,
  CreateConnectionRequest,
  UpdateConnectionRequest,
} from '@dqw/shared-types';
import { Observable } from 'rxjs';
import { inlineErrors } from '../../core/http/http-context';

/** Typed calls to `/api/connections` (DataEngineer and Admin). */
@Injectable({ providedIn: 'root' })
export class ConnectionsApi {
  private readonly http = inject(HttpClient);

  list(): Observable<ConnectionDto[]> {
    return this.http.get<ConnectionDto[]>('/api/connections');
  }

  create(body: CreateConnectionRequest): Observable<ConnectionDto> {
    return this.http.post<ConnectionDto>('/api/connections', body, { context: inlineErrors() });
  }

  update(id: string, body: UpdateConnectionRequest): Observable<ConnectionDto> {
    return this.http.patch<ConnectionDto>(`/api/connections/${encodeURIComponent(id)}`, body, {
      context: inlineErrors(),
    });
  }

  remove(id: string): Observable<void> {
    return this.http.delete<void>(`/api/connections/${encodeURIComponent(id)}`);
  }

  /** Reachability and the visible tables; answers ok=false with a message when unreachable. */
  test(id: string): Observable<ConnectionTestResult> {
    return this.http.post<ConnectionTestResult>(
      `/api/connections/${encodeURIComponent(id)}/test`,
      {},
      { context: inlineErrors() },
    );
  }
}
