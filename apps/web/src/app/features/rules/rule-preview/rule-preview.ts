import { ChangeDetectionStrategy, Component, computed, input, signal } from '@angular/core';
import { EvidenceRow, EvidenceTable } from '../../runs/evidence-table/evidence-table';
import { formatCount, formatPassRate } from '../../runs/run-labels';
import type { PreviewOutcome } from '../rule-check';
import type { DatasetSample } from '../rules-api';

/** What the preview area shows: a result, or why there is none yet. */
export type PreviewView =
  | { kind: 'message'; text: string; busy?: boolean }
  | { kind: 'result'; outcome: PreviewOutcome; notes: string[] };

/** The verdict of a preview in words, with the MOSTLY threshold when there is one. */
export function previewVerdict(outcome: PreviewOutcome): string {
  if (outcome.status === 'error')
    return `The rule could not be evaluated: ${outcome.error ?? 'unknown error'}`;
  const verb = outcome.status === 'passed' ? 'Would pass' : 'Would fail';
  if (outcome.datasetLevel) return `${verb} on these rows.`;
  const needs = outcome.mostly ? ` (needs at least ${outcome.mostly} % passing)` : '';
  return `${verb}: ${formatCount(outcome.failedCount)} of ${formatCount(outcome.rowsChecked)} rows in scope fail, pass rate ${formatPassRate(outcome.passRate)}${needs}.`;
}

/**
 * The editor's live preview: the verdict on the sample, then the sample rows with the failing ones
 * marked (or only the failing ones), the checked values highlighted.
 */
@Component({
  selector: 'dqw-rule-preview',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [EvidenceTable],
  template: `
    @switch (view().kind) {
      @case ('message') {
        <p class="text-body-secondary mb-0" data-testid="preview-message">
          @if (message().busy) {
            <span class="spinner-border spinner-border-sm me-2" aria-hidden="true"></span>
          }
          {{ message().text }}
        </p>
      }
      @case ('result') {
        @if (result(); as r) {
          <p class="mb-2" data-testid="preview-verdict">
            <span class="badge me-2 {{ badge() }}">{{ badgeText() }}</span>
            {{ verdict() }}
          </p>
          <p class="small text-body-secondary mb-2">
            Checked in your browser on the first {{ count(r.outcome.sampleRows) }} rows{{
              totalRows() !== null && totalRows()! > r.outcome.sampleRows ? ' of ' + count(totalRows()) : ''
            }}. A run checks every row.
            @for (note of r.notes; track note) {
              {{ note }}
            }
          </p>
          @if (!r.outcome.datasetLevel && r.outcome.status !== 'error' && sample(); as s) {
            <fieldset class="d-flex flex-wrap gap-3 mb-2">
              <legend class="visually-hidden">Rows to show</legend>
              <div class="form-check">
                <input
                  class="form-check-input"
                  type="radio"
                  name="preview-rows"
                  id="preview-failing"
                  [checked]="mode() === 'failing'"
                  (change)="mode.set('failing')"
                />
                <label class="form-check-label" for="preview-failing">
                  Failing rows ({{ count(r.outcome.failingRows.size) }})
                </label>
              </div>
              <div class="form-check">
                <input
                  class="form-check-input"
                  type="radio"
                  name="preview-rows"
                  id="preview-all"
                  [checked]="mode() === 'all'"
                  (change)="mode.set('all')"
                />
                <label class="form-check-label" for="preview-all"
                  >All sample rows ({{ count(s.rows.length) }})</label
                >
              </div>
            </fieldset>
            @if (rows().length) {
              <dqw-evidence-table
                [columns]="columnNames()"
                [rows]="rows()"
                [checked]="checked()"
                [showResult]="mode() === 'all'"
                [caption]="
                  mode() === 'all' ? 'Sample rows, failing ones marked' : 'Sample rows that fail the rule'
                "
              />
            } @else {
              <p class="mb-0">No sample row fails this rule.</p>
            }
          }
        }
      }
    }
  `,
})
export class RulePreview {
  readonly view = input.required<PreviewView>();
  readonly sample = input<DatasetSample | null>(null);
  readonly checked = input<readonly string[]>([]);
  /** Rows of the whole dataset (to say the sample is only the start). */
  readonly totalRows = input<number | null>(null);
  protected readonly mode = signal<'failing' | 'all'>('failing');
  protected readonly count = formatCount;

  protected readonly message = computed(() => {
    const v = this.view();
    return v.kind === 'message' ? v : { kind: 'message' as const, text: '' };
  });
  protected readonly result = computed(() => {
    const v = this.view();
    return v.kind === 'result' ? v : null;
  });
  protected readonly verdict = computed(() => {
    const r = this.result();
    return r ? previewVerdict(r.outcome) : '';
  });
  protected readonly badge = computed(() => {
    const status = this.result()?.outcome.status;
    return status === 'passed'
      ? 'badge-soft-success'
      : status === 'failed'
        ? 'badge-soft-danger'
        : 'badge-soft-warning';
  });
  protected readonly badgeText = computed(() => {
    const status = this.result()?.outcome.status;
    return status === 'passed' ? 'Pass' : status === 'failed' ? 'Fail' : 'Error';
  });
  protected readonly columnNames = computed(() => (this.sample()?.columns ?? []).map((c) => c.name));
  protected readonly rows = computed<EvidenceRow[]>(() => {
    const sample = this.sample();
    const r = this.result();
    if (!sample || !r) return [];
    const failing = r.outcome.failingRows;
    const all = sample.rows.map((values, i) => ({ rowNumber: i + 1, values, failing: failing.has(i + 1) }));
    return this.mode() === 'all' ? all : all.filter((row) => row.failing);
  });
}
