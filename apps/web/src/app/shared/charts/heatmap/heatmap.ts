import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { ChartTheme, ChartTone, formatChartNumber, rgbOf } from '../chart-theme';

interface Cell {
  text: string;
  background: string | null;
  color: string | null;
  link: HeatmapLink | null;
  /** The cell's meaning in words, for the link's accessible name. */
  name: string;
}

/** Where a row header or a cell leads (drill-down), as router commands and query parameters. */
export interface HeatmapLink {
  path: string;
  queryParams?: Record<string, string>;
}

/**
 * A matrix of counts as coloured cells (e.g. incidents by dataset and day). It is a real table, so it
 * needs no Chart.js and reads naturally with a screen reader; every cell keeps its number, with black or
 * white text, whichever contrasts more with the cell's colour (≥ 4.5:1 always).
 *
 * ```html
 * <dqw-heatmap label="Incidents by dataset and day" rowHeader="Dataset"
 *   [rows]="datasetNames" [columns]="days" [values]="counts" />
 * ```
 */
@Component({
  selector: 'dqw-heatmap',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    <div class="heatmap-scroll" role="region" tabindex="0" [attr.aria-label]="label()">
      <table class="heatmap">
        <caption class="visually-hidden">
          {{
            label()
          }}
        </caption>
        <thead>
          <tr>
            <th scope="col" class="corner">{{ rowHeader() }}</th>
            @for (column of columns(); track $index) {
              <th scope="col">{{ column }}</th>
            }
          </tr>
        </thead>
        <tbody>
          @for (row of cells(); track $index; let r = $index) {
            <tr>
              <th scope="row">
                @if (rowLinks()[r]; as link) {
                  <a [routerLink]="link.path" [queryParams]="link.queryParams">{{ rows()[r] }}</a>
                } @else {
                  {{ rows()[r] }}
                }
              </th>
              @for (cell of row; track $index) {
                <td [style.background-color]="cell.background" [style.color]="cell.color">
                  @if (cell.link; as link) {
                    <a
                      class="cell-link"
                      [routerLink]="link.path"
                      [queryParams]="link.queryParams"
                      [attr.aria-label]="cell.name"
                      >{{ cell.text }}</a
                    >
                  } @else {
                    {{ cell.text }}
                  }
                </td>
              }
            </tr>
          }
        </tbody>
      </table>
    </div>
    <div class="legend small text-body-secondary" aria-hidden="true">
      <span>0</span>
      <span class="ramp" [style.background]="ramp()"></span>
      <span>{{ format()(max()) }}</span>
    </div>
  `,
  styles: `
    :host {
      display: block;
      min-width: 0;
    }
    .heatmap-scroll {
      overflow-x: auto;
      border-radius: 0.5rem;
    }
    .heatmap {
      border-collapse: separate;
      border-spacing: 3px;
      font-size: 0.8rem;
    }
    th {
      font-weight: 600;
      white-space: nowrap;
      padding: 0.2rem 0.4rem;
    }
    thead th {
      text-align: center;
    }
    tbody th {
      text-align: left;
      max-width: 14rem;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .cell-link {
      display: block;
      color: inherit;
      line-height: 1.9rem;
    }
    td {
      min-width: 2.2rem;
      height: 1.9rem;
      text-align: center;
      border-radius: 0.35rem;
      font-variant-numeric: tabular-nums;
    }
    .legend {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      margin-top: 0.5rem;
    }
    .ramp {
      width: 8rem;
      height: 0.6rem;
      border-radius: 999px;
    }
  `,
})
export class Heatmap {
  readonly label = input.required<string>();
  readonly rows = input.required<readonly string[]>();
  readonly columns = input.required<readonly string[]>();
  /** `values[row][column]`; null for "no data" (shown as a dash). */
  readonly values = input.required<readonly (readonly (number | null)[])[]>();
  readonly rowHeader = input('');
  readonly tone = input<ChartTone>('danger');
  readonly format = input<(value: number | null) => string>(formatChartNumber);
  /** Drill-down: a link per row header (null for none). */
  readonly rowLinks = input<readonly (HeatmapLink | null)[]>([]);
  /** Drill-down: where a cell with a value above 0 leads (null: no link); zero cells stay plain. */
  readonly cellLink = input<((row: number, column: number) => HeatmapLink | null) | null>(null);
  /** A cell's value in words for its link ("3 incidents"); the row and column names are added. */
  readonly valueName = input<(value: number) => string>((v) => formatChartNumber(v));
  private readonly theme = inject(ChartTheme);

  protected readonly max = computed(() => {
    let max = 0;
    for (const row of this.values()) for (const v of row) if (v !== null && v > max) max = v;
    return max;
  });

  protected readonly cells = computed<Cell[][]>(() => {
    const colors = this.theme.colors();
    const high = colors.tones[this.tone()];
    const max = this.max();
    const linkOf = this.cellLink();
    return this.values().map((row, r) =>
      this.columns().map((column, c) => {
        const v = row[c] ?? null;
        if (v === null) return { text: '–', background: null, color: null, link: null, name: '' };
        const background = mix(colors.surface, high, max > 0 ? v / max : 0);
        return {
          text: this.format()(v),
          background,
          color: readableOn(background),
          link: linkOf && v > 0 ? linkOf(r, c) : null,
          name: `${this.rows()[r]}, ${column}: ${this.valueName()(v)}`,
        };
      }),
    );
  });

  protected readonly ramp = computed(() => {
    const colors = this.theme.colors();
    return `linear-gradient(90deg, ${colors.surface}, ${colors.tones[this.tone()]})`;
  });
}

/** The colour `t` (0–1) of the way from `from` to `to`, as `rgb(…)`. */
export function mix(from: string, to: string, t: number): string {
  const a = rgbOf(from);
  const b = rgbOf(to);
  const k = Math.max(0, Math.min(1, t));
  const [r, g, bl] = a.map((x, i) => Math.round(x + (b[i] - x) * k));
  return `rgb(${r}, ${g}, ${bl})`;
}

/** Black or white, whichever has the higher contrast ratio with the background. */
export function readableOn(rgb: string): '#000000' | '#ffffff' {
  const [r, g, b] = (rgb.match(/\d+/g) ?? ['0', '0', '0']).map(Number);
  const lum = relativeLuminance(r, g, b);
  return (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) ? '#000000' : '#ffffff';
}

export function relativeLuminance(r: number, g: number, b: number): number {
  const [R, G, B] = [r, g, b].map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * R + 0.7152 * G + 0.0722 * B;
}
