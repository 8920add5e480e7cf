import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MalformedRow } from '@dqw/shared-types';

/** Rows the reader could not parse, by line number (the header is line 1). */
@Component({
  selector: 'dqw-malformed-rows',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (rows().length) {
      <p class="fw-semibold mb-1">Rows that could not be read</p>
      <ul
        class="rows small mb-0"
        data-testid="malformed-rows"
        tabindex="0"
        aria-label="Rows that could not be read"
      >
        @for (row of shown(); track row.line) {
          <li>
            <span class="line">Line {{ row.line }}</span> {{ row.message }}
          </li>
        }
      </ul>
      @if (more() > 0) {
        <p class="small text-body-secondary mt-1 mb-0">…and {{ more() }} more.</p>
      }
    }
  `,
  styles: `
    .rows {
      max-height: 11rem;
      overflow-y: auto;
      padding-left: 0;
      list-style: none;
    }
    li {
      padding: 0.15rem 0;
    }
    .line {
      display: inline-block;
      min-width: 5.5rem;
      font-weight: 600;
      font-variant-numeric: tabular-nums;
    }
  `,
})
export class MalformedRows {
  readonly rows = input.required<readonly MalformedRow[]>();
  /** All malformed rows in the file (the server lists only the first ones). */
  readonly total = input(0);
  readonly limit = input(20);
  protected readonly shown = computed(() => this.rows().slice(0, this.limit()));
  protected readonly more = computed(() => Math.max(this.total(), this.rows().length) - this.shown().length);
}
