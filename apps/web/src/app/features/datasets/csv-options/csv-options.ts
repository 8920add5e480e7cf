import { ChangeDetectionStrategy, Component, computed, input, model } from '@angular/core';
import { CSV_ENCODINGS, CsvEncoding, CsvFormatOverrides } from '@dqw/shared-types';
import { DELIMITER_OPTIONS, ENCODING_LABELS, QUOTE_OPTIONS } from '../dataset-labels';

const OTHER = 'other';

/** How to read a CSV: each choice defaults to "detect automatically" (the server's sniffer). */
@Component({
  selector: 'dqw-csv-options',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <fieldset class="row g-2" [disabled]="disabled()">
      <legend class="visually-hidden">Reading options</legend>
      <div class="col-sm-6">
        <label class="form-label small mb-1" [for]="id('delimiter')">Delimiter</label>
        <select
          class="form-select form-select-sm"
          [id]="id('delimiter')"
          [value]="delimiterChoice()"
          (change)="setDelimiter($any($event.target).value)"
        >
          <option value="">Detect automatically</option>
          @for (d of delimiters; track d.value) {
            <option [value]="d.value">{{ d.label }}</option>
          }
          <option value="other">Another character…</option>
        </select>
        @if (delimiterChoice() === 'other') {
          <label class="visually-hidden" [for]="id('delimiter-other')">Delimiter character</label>
          <input
            class="form-control form-control-sm mt-1"
            [id]="id('delimiter-other')"
            maxlength="1"
            placeholder="One character"
            [value]="value().delimiter ?? ''"
            (input)="patch({ delimiter: $any($event.target).value || undefined })"
          />
        }
      </div>
      <div class="col-sm-6">
        <label class="form-label small mb-1" [for]="id('quote')">Quote</label>
        <select
          class="form-select form-select-sm"
          [id]="id('quote')"
          [value]="value().quote ?? ''"
          (change)="patch({ quote: $any($event.target).value || undefined })"
        >
          <option value="">Detect automatically</option>
          @for (q of quotes; track q.value) {
            <option [value]="q.value">{{ q.label }}</option>
          }
        </select>
      </div>
      <div class="col-sm-6">
        <label class="form-label small mb-1" [for]="id('header')">Header line</label>
        <select
          class="form-select form-select-sm"
          [id]="id('header')"
          [value]="headerChoice()"
          (change)="setHeader($any($event.target).value)"
        >
          <option value="">Detect automatically</option>
          <option value="yes">The first line has the column names</option>
          <option value="no">No header: every line is data</option>
        </select>
      </div>
      <div class="col-sm-6">
        <label class="form-label small mb-1" [for]="id('encoding')">Encoding</label>
        <select
          class="form-select form-select-sm"
          [id]="id('encoding')"
          [value]="value().encoding ?? ''"
          (change)="setEncoding($any($event.target).value)"
        >
          <option value="">Detect automatically</option>
          @for (e of encodings; track e) {
            <option [value]="e">{{ encodingLabels[e] }}</option>
          }
        </select>
      </div>
    </fieldset>
  `,
})
export class CsvOptions {
  readonly value = model<CsvFormatOverrides>({});
  /** Makes the ids unique when two forms are on one page. */
  readonly idPrefix = input.required<string>();
  readonly disabled = input(false);
  protected readonly delimiters = DELIMITER_OPTIONS;
  protected readonly quotes = QUOTE_OPTIONS;
  protected readonly encodings = CSV_ENCODINGS;
  protected readonly encodingLabels = ENCODING_LABELS;
  private otherDelimiter = false;

  protected readonly delimiterChoice = computed(() => {
    const d = this.value().delimiter;
    if (d === undefined) return this.otherDelimiter ? OTHER : '';
    return DELIMITER_OPTIONS.some((o) => o.value === d) ? d : OTHER;
  });
  protected readonly headerChoice = computed(() => {
    const h = this.value().header;
    return h === undefined ? '' : h ? 'yes' : 'no';
  });

  protected id(name: string): string {
    return `${this.idPrefix()}-${name}`;
  }

  protected patch(change: CsvFormatOverrides): void {
    const next: CsvFormatOverrides = { ...this.value(), ...change };
    for (const key of Object.keys(next) as (keyof CsvFormatOverrides)[]) {
      if (next[key] === undefined) delete next[key];
    }
    this.value.set(next);
  }

  protected setDelimiter(choice: string): void {
    this.otherDelimiter = choice === OTHER;
    this.patch({ delimiter: choice && choice !== OTHER ? choice : undefined });
  }

  protected setHeader(choice: string): void {
    this.patch({ header: choice === '' ? undefined : choice === 'yes' });
  }

  protected setEncoding(choice: string): void {
    this.patch({ encoding: (choice || undefined) as CsvEncoding | undefined });
  }
}

/** The overrides that differ from "detect" — what to send. */
export function hasOverrides(value: CsvFormatOverrides): boolean {
  return Object.values(value).some((v) => v !== undefined);
}
