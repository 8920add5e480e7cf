import { ChangeDetectionStrategy, Component, computed, input, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { DashboardStatsDto } from '@dqw/shared-types';
import { formatPassRate } from '../../runs/run-labels';
import { scoreTone } from '../../datasets/dataset-labels';
import { severityBadge, severityLabel } from '../../rules/rule-labels';
import { openIncidentsLink } from '../dashboard-query';
import { SEVERITY_ORDER, dimensionScores, formatScore, openIncidentTotal } from '../dashboard-shape';
import { ScoreBreakdown } from '../score-breakdown/score-breakdown';

/** The headline numbers; each leads to what is behind it (the score to its breakdown, counts to lists). */
@Component({
  selector: 'dqw-kpi-cards',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, ScoreBreakdown],
  templateUrl: './kpi-cards.html',
  styleUrl: './kpi-cards.scss',
})
export class KpiCards {
  readonly stats = input.required<DashboardStatsDto>();
  readonly datasetId = input<string | null>(null);
  protected readonly showBreakdown = signal(false);
  protected readonly severities = SEVERITY_ORDER;
  protected readonly severityLabel = severityLabel;
  protected readonly severityBadge = severityBadge;
  protected readonly formatScore = formatScore;
  protected readonly passRate = formatPassRate;
  protected readonly dimensions = computed(() => dimensionScores(this.stats()));
  protected readonly openTotal = computed(() => openIncidentTotal(this.stats()));
  protected readonly scoreTone = computed(() => {
    const score = this.stats().qualityScore;
    return score === null ? 'secondary' : scoreTone(score);
  });
  protected readonly openLink = computed(() => openIncidentsLink(this.datasetId()));
  protected readonly breachedLink = computed(() => openIncidentsLink(this.datasetId(), { breached: 'true' }));
  /** Runs queued since 24 h before the numbers were computed. */
  protected readonly runsLink = computed(() => {
    const since = new Date(Date.parse(this.stats().generatedAt) - 24 * 3600_000).toISOString();
    const queryParams: Record<string, string> = { from: since };
    const datasetId = this.datasetId();
    if (datasetId) queryParams['datasetId'] = datasetId;
    return queryParams;
  });

  protected severityLink(severity: string): Record<string, string> {
    return openIncidentsLink(this.datasetId(), { severity }).queryParams;
  }

  protected dimensionTone(score: number | null): string {
    return score === null ? 'secondary' : scoreTone(score);
  }
}
