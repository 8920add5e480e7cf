import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

/**
 * Grey bars in the shape of what is loading, so the page doesn't jump when the data arrives. Screen
 * readers hear the label once (role="status"); the bars themselves are hidden from them.
 */
@Component({
  selector: 'dqw-skeleton',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (heading()) {
      <h1 class="visually-hidden">{{ heading() }}</h1>
    }
    <div class="placeholder-glow" role="status" data-testid="skeleton">
      <span class="visually-hidden">{{ label() }}</span>
      <div aria-hidden="true">
        @if (page()) {
          <span class="placeholder placeholder-lg d-block col-7 col-md-5 mb-2 title"></span>
          <span class="placeholder d-block col-9 col-md-6 mb-3"></span>
        }
        <div [class.glass]="page()" [class.p-3]="page()">
          @for (width of widths(); track $index) {
            <span class="placeholder d-block mb-2" [style.width.%]="width"></span>
          }
        </div>
      </div>
    </div>
  `,
  styles: `
    .placeholder {
      border-radius: 0.375rem;
    }
    .title {
      min-height: 1.75rem;
    }
  `,
})
export class Skeleton {
  /** What is loading, said to screen readers, e.g. "Loading the incident…". */
  readonly label = input.required<string>();
  /** Number of bars (e.g. the table rows to expect). */
  readonly rows = input(4);
  /** A whole page: a heading bar and a card around the rows. */
  readonly page = input(false);
  /** The page's level-one heading while its real one is loading (for a whole page). */
  readonly heading = input('');
  // Varied widths read as text rather than as a progress bar.
  protected readonly widths = computed(() =>
    Array.from({ length: this.rows() }, (_, i) => [100, 92, 96, 84, 98, 88][i % 6]),
  );
}
