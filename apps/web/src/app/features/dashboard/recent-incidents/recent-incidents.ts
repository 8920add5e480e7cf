import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { IncidentDto } from '@dqw/shared-types';
import { severityBadge, severityLabel } from '../../rules/rule-labels';
import { statusBadge, statusLabel } from '../../incidents/incident-labels';
import { openIncidentsLink } from '../dashboard-query';

/** The newest incidents, whatever their status, each linking to its detail. */
@Component({
  selector: 'dqw-recent-incidents',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, DatePipe],
  template: `
    <section class="glass p-3 h-100" aria-labelledby="recent-title" data-testid="recent-incidents">
      <div class="d-flex flex-wrap justify-content-between align-items-baseline gap-2 mb-2">
        <h2 id="recent-title" class="h6 mb-0">Recent incidents</h2>
        <a class="small" [routerLink]="allLink().path" [queryParams]="allLink().queryParams">All incidents</a>
      </div>
      <ul class="list-unstyled mb-0">
        @for (incident of incidents(); track incident.id) {
          <li class="py-2 border-bottom" [attr.data-incident]="incident.title">
            <a class="fw-semibold" [routerLink]="['/incidents', incident.id]">{{ incident.title }}</a>
            <div class="d-flex flex-wrap align-items-center gap-2 small mt-1">
              <span class="badge {{ severityBadge(incident.severity) }}">{{
                severityLabel(incident.severity)
              }}</span>
              <span class="badge {{ statusBadge(incident.status) }}">{{ statusLabel(incident.status) }}</span>
              <span class="text-body-secondary">{{ datasetName()(incident.datasetId) }}</span>
              <time class="text-body-secondary" [attr.datetime]="incident.openedAt">{{
                incident.openedAt | date: 'short'
              }}</time>
            </div>
          </li>
        } @empty {
          <li class="text-body-secondary small">No incidents yet: every check passed so far.</li>
        }
      </ul>
    </section>
  `,
})
export class RecentIncidents {
  readonly incidents = input.required<readonly IncidentDto[]>();
  readonly datasetId = input<string | null>(null);
  readonly datasetName = input<(id: string) => string>(() => '');
  protected readonly allLink = computed(() => {
    const link = openIncidentsLink(this.datasetId(), { status: 'all' });
    return link;
  });
  protected readonly severityBadge = severityBadge;
  protected readonly severityLabel = severityLabel;
  protected readonly statusBadge = statusBadge;
  protected readonly statusLabel = statusLabel;
}
