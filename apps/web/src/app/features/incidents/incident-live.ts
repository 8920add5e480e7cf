import { Injectable, inject } from '@angular/core';
import { IncidentDto } from '@dqw/shared-types';
import { Observable, map } from 'rxjs';
import { LiveEvents } from '../../core/live/live-events';

/** Incident changes from the app's event stream (`incident.updated`): opened, changed, commented. */
@Injectable({ providedIn: 'root' })
export class IncidentLive {
  private readonly live = inject(LiveEvents);

  /** The incident as `GET /api/incidents` lists it, after every change. */
  readonly updates: Observable<IncidentDto> = this.live.on('incident.updated').pipe(map((e) => e.data));
  /** The stream came back after a drop: changes sent meanwhile were missed, so reload. */
  readonly reconnected: Observable<void> = this.live.reconnected;
}
