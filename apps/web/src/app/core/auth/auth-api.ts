import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { LoginRequest, MeResponse } from '@dqw/shared-types';
import { Observable } from 'rxjs';
import { inlineErrors } from '../http/http-context';

@Injectable({ providedIn: 'root' })
export class AuthApi {
  private readonly http = inject(HttpClient);

  me(): Observable<MeResponse> {
    return this.http.get<MeResponse>('/api/auth/me', { context: inlineErrors() });
  }

  login(body: LoginRequest): Observable<MeResponse> {
    return this.http.post<MeResponse>('/api/auth/login', body, { context: inlineErrors() });
  }

  logout(): Observable<unknown> {
    return this.http.post('/api/auth/logout', {}, { context: inlineErrors() });
  }
}
