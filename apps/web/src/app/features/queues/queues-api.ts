import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { QueuesResponse } from '@dqw/shared-types';
import { Observable } from 'rxjs';

/** `GET /api/queues`: job counts per queue and the workers consuming them. */
@Injectable({ providedIn: 'root' })
export class QueuesApi {
  private readonly http = inject(HttpClient);

  summary(): Observable<QueuesResponse> {
    return this.http.get<QueuesResponse>('/api/queues');
  }
}
