import { ChangeDetectionStrategy, Component, OnInit, computed, input, output, signal } from '@angular/core';
import { COLUMN_TYPES, ColumnOverride, ColumnType } from '@dqw/shared-types';
import { Dialog } from '../../../shared/ui/dialog/dialog';
import { TYPE_LABELS } from '../dataset-labels';
import { SchemaRow } from '../schema-table/schema-table';

const FORMAT_PATTERN = /^(?=.*YYYY)(?=.*MM)(?=.*DD)[YMDHms/\-.: T]{8,40}$/;

/** Choose how a column is read: a type (and a date format), or back to the detected type. */
@Component({
  selector: 'dqw-column-type-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Dialog],
  template: `
    <dqw-dialog [title]="'Type of ' + column().name" size="sm" (dismissed)="closed.emit()">
      <form (submit)="$event.preventDefault(); save()" novalidate>
        @if (error(); as message) {
          <div class="alert alert-danger" role="alert">{{ message }}</div>
        }
        <label for="column-type" class="form-label">Read the values as</label>
        <select
          id="column-type"
          class="form-select"
          [value]="type()"
          (change)="type.set($any($event.target).value)"
        >
          @for (t of types; track t) {
            <option [value]="t">{{ labels[t] }}{{ t === detected() ? ' (detected)' : '' }}</option>
          }
        </select>
        @if (type() === 'date' || type() === 'timestamp') {
          <label for="column-format" class="form-label mt-3"
            >Format <span class="text-body-secondary">(leave empty for ISO 8601)</span></label
          >
          <input
            id="column-format"
            class="form-control"
            placeholder="DD/MM/YYYY HH:mm"
            [value]="format()"
            (input)="format.set($any($event.target).value)"
            [class.is-invalid]="formatError()"
            [attr.aria-invalid]="!!formatError()"
            [attr.aria-describedby]="formatError() ? 'column-format-error' : 'column-format-hint'"
          />
          @if (formatError(); as message) {
            <div id="column-format-error" class="invalid-feedback">{{ message }}</div>
          } @else {
            <div id="column-format-hint" class="form-text">Tokens: YYYY MM DD HH mm ss.</div>
          }
        }
        <p class="small text-body-secondary mt-3">
          Values that can't be read as this type count as unreadable: they fail range and accepted-values
          rules. The dataset is profiled again.
        </p>
        <div class="d-flex flex-wrap justify-content-end gap-2">
          @if (column().overridden) {
            <button
              type="button"
              class="btn btn-outline-secondary me-auto"
              [disabled]="busy()"
              (click)="reset()"
            >
              Use the detected type
            </button>
          }
          <button type="button" class="btn btn-outline-secondary" (click)="closed.emit()">Cancel</button>
          <button type="submit" class="btn btn-primary" [disabled]="busy()">Save</button>
        </div>
      </form>
    </dqw-dialog>
  `,
})
export class ColumnTypeDialog implements OnInit {
  readonly column = input.required<SchemaRow>();
  readonly busy = input(false);
  readonly error = input<string | null>(null);
  /** null: remove the override. */
  readonly saved = output<ColumnOverride | null>();
  readonly closed = output<void>();
  protected readonly types = COLUMN_TYPES;
  protected readonly labels = TYPE_LABELS;
  protected readonly type = signal<ColumnType>('string');
  protected readonly format = signal('');
  protected readonly submitted = signal(false);
  protected readonly detected = computed(() => this.column().profile?.inferredType ?? null);
  protected readonly formatError = computed(() => {
    const f = this.format().trim();
    if (!this.submitted() || !f || FORMAT_PATTERN.test(f)) return null;
    return 'Use the tokens YYYY, MM and DD (and HH, mm, ss for times), e.g. DD/MM/YYYY.';
  });

  ngOnInit(): void {
    this.type.set(this.column().type);
    this.format.set(this.column().format ?? '');
  }

  protected save(): void {
    this.submitted.set(true);
    if (this.formatError()) return;
    const type = this.type();
    const format = type === 'date' || type === 'timestamp' ? this.format().trim() || null : null;
    this.saved.emit({ type, ...(format ? { format } : {}) });
  }

  protected reset(): void {
    this.saved.emit(null);
  }
}
