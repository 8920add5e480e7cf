import { ChangeDetectionStrategy, Component, computed, input, linkedSignal } from '@angular/core';
import { Pager } from '../../../shared/ui/pager/pager';

export interface EvidenceRow {
  /** 1-based data row number (header not counted), or null when the source has no order. */
  rowNumber: number | null;
  values: Record<string, unknown>;
  /** False for rows shown for context (the preview's "all rows" view). */
  failing: boolean;
}

/** How a cell reads in the table: nulls and empty text are named, everything else as text. */
export function cellDisplay(value: unknown): { text: string; special: boolean } {
  if (value === null || value === undefined) return { text: 'null', special: true };
  if (value === '') return { text: '(empty)', special: true };
  if (typeof value === 'string') {
    return value.trim() === ''
      ? { text: `(${value.length} spaces)`, special: true }
      : { text: value, special: false };
  }
  if (typeof value === 'object') return { text: JSON.stringify(value), special: false };
  return { text: String(value), special: false };
}

/**
 * Rows with their values, failing rows marked and the values the rule checks highlighted (the column
 * headers say which). Pages of 25 in the browser; the rows come whole from evidence or a preview.
 */
@Component({
  selector: 'dqw-evidence-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Pager],
  templateUrl: './evidence-table.html',
  styleUrl: './evidence-table.scss',
})
export class EvidenceTable {
  readonly columns = input.required<readonly string[]>();
  readonly rows = input.required<readonly EvidenceRow[]>();
  /** Columns the rule checks: their values are highlighted in failing rows. */
  readonly checked = input<readonly string[]>([]);
  readonly caption = input.required<string>();
  /** Show a "Result" column (when passing rows are listed too). */
  readonly showResult = input(false);
  readonly pageSize = input(25);

  protected readonly page = linkedSignal({ source: this.rows, computation: () => 1 });
  protected readonly visible = computed(() => {
    const size = this.pageSize();
    const start = (this.page() - 1) * size;
    return this.rows().slice(start, start + size);
  });
  protected readonly checkedSet = computed(() => new Set(this.checked()));
  protected readonly cellDisplay = cellDisplay;
}
