import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { RunPlanDto } from '@dqw/shared-types';
import { formatCount } from '../run-labels';

/**
 * What a run did to get its answer — scans of the data, sample queries for evidence, rows read and the
 * statements themselves — so users can see the cost and check the logic.
 */
@Component({
  selector: 'dqw-run-plan',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <dl class="plan-facts">
      <div>
        <dt>Scans of the data</dt>
        <dd data-testid="plan-scans">{{ plan().scans }}</dd>
      </div>
      <div>
        <dt>Sample queries</dt>
        <dd>{{ plan().sampleQueries }}</dd>
      </div>
      <div>
        <dt>Rows scanned</dt>
        <dd>{{ count(plan().rowsScanned) }}</dd>
      </div>
      <div>
        <dt>Rules in the same scan</dt>
        <dd>{{ plan().batchSize }}</dd>
      </div>
    </dl>
    <p class="small text-body-secondary">{{ summary() }}</p>
    @if (foreign().length) {
      <p class="small mb-2">
        Looked values up in:
        @for (f of foreign(); track f.name) {
          <code>{{ f.name }}</code> (version <code>{{ f.version ?? 'unknown' }}</code>){{
            $last ? '.' : ', '
          }}
        }
      </p>
    }
    @if (plan().statements.length) {
      <h3 class="h6 mt-3">Statements, in the order they ran</h3>
      <ol class="statements">
        @for (statement of plan().statements; track $index) {
          <li>
            <pre class="code small mb-2" tabindex="0" [attr.aria-label]="'Statement ' + ($index + 1)">{{
              statement
            }}</pre>
          </li>
        }
      </ol>
    } @else {
      <p class="small text-body-secondary mb-0">
        The data was checked in memory; there were no SQL statements.
      </p>
    }
  `,
  styles: `
    .plan-facts {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr));
      gap: 0.75rem;
      margin-bottom: 0.75rem;
    }
    dt {
      font-size: 0.8rem;
      font-weight: 600;
      color: var(--bs-secondary-color);
    }
    dd {
      margin: 0;
      font-size: 1.25rem;
      font-weight: 700;
    }
    .statements {
      padding-left: 1.25rem;
    }
    pre {
      max-height: 14rem;
      overflow: auto;
    }
  `,
})
export class RunPlan {
  readonly plan = input.required<RunPlanDto>();
  protected readonly count = formatCount;
  protected readonly foreign = computed(() =>
    Object.entries(this.plan().foreignVersions ?? {}).map(([name, version]) => ({ name, version })),
  );
  protected readonly summary = computed(() => {
    const p = this.plan();
    const scans = p.scans === 1 ? 'one pass over the data' : `${p.scans} passes over the data`;
    const batch =
      p.batchSize > 1 ? `, shared by the ${p.batchSize} rules of this dataset version that ran together` : '';
    const samples =
      p.sampleQueries === 0
        ? 'No sample query was needed.'
        : `${p.sampleQueries} bounded ${p.sampleQueries === 1 ? 'query' : 'queries'} then fetched failing rows as evidence.`;
    return `The rule was checked in ${scans}${batch}. ${samples}`;
  });
}
