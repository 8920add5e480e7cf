import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { CsvFormat } from '@dqw/shared-types';
import { ENCODING_LABELS, charLabel, newlineLabel } from '../dataset-labels';

/** How a CSV file was read (sniffed, with any overrides), in words. */
@Component({
  selector: 'dqw-csv-format-summary',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <dl class="format" data-testid="csv-format">
      <div>
        <dt>Delimiter</dt>
        <dd>{{ charLabel(format().delimiter) }}</dd>
      </div>
      <div>
        <dt>Quote</dt>
        <dd>{{ charLabel(format().quote) }}</dd>
      </div>
      <div>
        <dt>Header</dt>
        <dd>{{ format().header ? 'First line has the column names' : 'None (columns are numbered)' }}</dd>
      </div>
      <div>
        <dt>Encoding</dt>
        <dd>{{ encodingLabels[format().encoding] }}{{ format().bom ? ' with byte-order mark' : '' }}</dd>
      </div>
      <div>
        <dt>Line endings</dt>
        <dd>{{ newlineLabel(format().newline) }}</dd>
      </div>
    </dl>
  `,
  styles: `
    .format {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr));
      gap: 0.5rem 1rem;
      margin: 0;
    }
    dt {
      font-size: 0.8rem;
      font-weight: 600;
      color: var(--bs-secondary-color);
    }
    dd {
      margin: 0;
    }
  `,
})
export class CsvFormatSummary {
  readonly format = input.required<CsvFormat>();
  protected readonly charLabel = charLabel;
  protected readonly newlineLabel = newlineLabel;
  protected readonly encodingLabels = ENCODING_LABELS;
}
