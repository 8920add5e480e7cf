import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { Dialog } from '../dialog/dialog';

/** "Are you sure?" with a clearly named action button. */
@Component({
  selector: 'dqw-confirm-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Dialog],
  template: `
    <dqw-dialog [title]="title()" size="sm" (dismissed)="cancelled.emit()">
      <p>{{ message() }}</p>
      <div class="d-flex justify-content-end gap-2">
        <button type="button" class="btn btn-outline-secondary" (click)="cancelled.emit()">Cancel</button>
        <button
          type="button"
          class="btn"
          [class.btn-danger]="danger()"
          [class.btn-primary]="!danger()"
          [disabled]="busy()"
          (click)="confirmed.emit()"
        >
          @if (busy()) {
            <span class="spinner-border spinner-border-sm me-1" aria-hidden="true"></span>
          }
          {{ confirmLabel() }}
        </button>
      </div>
    </dqw-dialog>
  `,
})
export class ConfirmDialog {
  readonly title = input.required<string>();
  readonly message = input.required<string>();
  readonly confirmLabel = input('Confirm');
  readonly danger = input(false);
  readonly busy = input(false);
  readonly confirmed = output<void>();
  readonly cancelled = output<void>();
}
