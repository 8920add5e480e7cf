import { ChangeDetectionStrategy, Component, effect, inject, input, signal, untracked } from '@angular/core';
import { RouterLink } from '@angular/router';
import { DatasetScoreDto } from '@dqw/shared-types';
import { firstValueFrom } from 'rxjs';
import { toProblem } from '../../../core/http/api-problem';
import { formatPassRate, runStatusLabel } from '../../runs/run-labels';
import { severityLabel } from '../../rules/rule-labels';
import { DashboardApi } from '../dashboard-api';
import { DIMENSION_LABELS, formatScore } from '../dashboard-shape';

/** Where the score comes from: each dataset's score and every rule's weight and latest run. */
@Component({
  selector: 'dqw-score-breakdown',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    <section class="glass p-3 mt-3" aria-labelledby="breakdown-title" [attr.aria-busy]="loading()">
      <h2 id="breakdown-title" class="h6">Where the score comes from</h2>
      <p class="small text-body-secondary">
        A dataset's score is the severity-weighted pass share of the latest run of each active rule (High 3,
        Medium 2, Low 1; a run that errored counts 0). The overall score is the mean over the datasets.
      </p>
      @if (error(); as message) {
        <div class="alert alert-danger d-flex flex-wrap align-items-center gap-2" role="alert">
          <span class="flex-grow-1">{{ message }}</span>
          <button type="button" class="btn btn-sm btn-outline-secondary" (click)="load()">Try again</button>
        </div>
      } @else if (loading() && datasets().length === 0) {
        <p><span class="spinner-border spinner-border-sm me-2" aria-hidden="true"></span>Loading…</p>
      }
      @for (d of datasets(); track d.datasetId) {
        <details class="mb-2" [attr.data-breakdown]="d.datasetName">
          <summary>
            <strong>{{ d.datasetName }}</strong>: {{ score(d.score) }}
            <span class="small text-body-secondary"
              >({{ d.rules }} rule{{ d.rules === 1 ? '' : 's' }} checked)</span
            >
          </summary>
          <div class="table-responsive">
            <table class="table table-sm small mt-2">
              <caption class="visually-hidden">
                Rules of
                {{
                  d.datasetName
                }}
                in its score
              </caption>
              <thead>
                <tr>
                  <th scope="col">Rule</th>
                  <th scope="col">Dimension</th>
                  <th scope="col">Severity (weight)</th>
                  <th scope="col">Latest run</th>
                  <th scope="col" class="text-end">Pass share</th>
                </tr>
              </thead>
              <tbody>
                @for (r of d.ruleContributions ?? []; track r.ruleId) {
                  <tr>
                    <td>
                      <a [routerLink]="['/rules', r.ruleId]">{{ r.ruleName }}</a>
                    </td>
                    <td>{{ dimensionLabels[r.dimension] }}</td>
                    <td>{{ severityLabel(r.severity) }} ({{ r.weight }})</td>
                    <td>
                      @if (r.run; as run) {
                        <a [routerLink]="['/runs', run.id]">{{ runStatus(run.status) }}</a>
                      } @else {
                        <span class="text-body-secondary">Not run yet</span>
                      }
                    </td>
                    <td class="text-end">{{ passRate(r.passShare) }}</td>
                  </tr>
                }
              </tbody>
            </table>
          </div>
        </details>
      } @empty {
        @if (!loading() && !error()) {
          <p class="mb-0 text-body-secondary">No dataset has active rules yet.</p>
        }
      }
    </section>
  `,
})
export class ScoreBreakdown {
  readonly datasetId = input<string | null>(null);
  private readonly api = inject(DashboardApi);
  protected readonly datasets = signal<DatasetScoreDto[]>([]);
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly dimensionLabels = DIMENSION_LABELS;
  protected readonly severityLabel = severityLabel;
  protected readonly passRate = formatPassRate;
  protected readonly score = formatScore;
  protected readonly runStatus = runStatusLabel;

  constructor() {
    effect(() => {
      this.datasetId();
      untracked(() => void this.load());
    });
  }

  protected async load(): Promise<void> {
    this.loading.set(true);
    this.error.set(null);
    try {
      const stats = await firstValueFrom(this.api.stats(this.datasetId(), 'rules'));
      this.datasets.set(stats.breakdown?.datasets ?? []);
    } catch (error) {
      this.error.set(toProblem(error).message);
    } finally {
      this.loading.set(false);
    }
  }
}
