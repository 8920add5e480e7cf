import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';

/** Previous / next paging with "x–y of z", for the API's `{items,total,page,pageSize}` lists. */
@Component({
  selector: 'dqw-pager',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (total() > 0) {
      <nav
        class="d-flex flex-wrap align-items-center justify-content-between gap-2"
        [attr.aria-label]="label()"
      >
        <span class="text-body-secondary small">{{ first() }}–{{ last() }} of {{ total() }}</span>
        <ul class="pagination pagination-sm mb-0">
          <li class="page-item" [class.disabled]="page() <= 1">
            <button
              type="button"
              class="page-link"
              [disabled]="page() <= 1"
              (click)="pageChange.emit(page() - 1)"
            >
              Previous
            </button>
          </li>
          <li class="page-item active" aria-current="page">
            <span class="page-link">Page {{ page() }} of {{ pages() }}</span>
          </li>
          <li class="page-item" [class.disabled]="page() >= pages()">
            <button
              type="button"
              class="page-link"
              [disabled]="page() >= pages()"
              (click)="pageChange.emit(page() + 1)"
            >
              Next
            </button>
          </li>
        </ul>
      </nav>
    }
  `,
})
export class Pager {
  readonly page = input.required<number>();
  readonly pageSize = input.required<number>();
  readonly total = input.required<number>();
  readonly label = input('Pages');
  readonly pageChange = output<number>();
  protected readonly pages = computed(() => Math.max(1, Math.ceil(this.total() / this.pageSize())));
  protected readonly first = computed(() => Math.min(this.total(), (this.page() - 1) * this.pageSize() + 1));
  protected readonly last = computed(() => Math.min(this.total(), this.page() * this.pageSize()));
}
