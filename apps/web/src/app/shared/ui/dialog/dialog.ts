import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  afterNextRender,
  effect,
  inject,
  input,
  output,
  viewChild,
} from '@angular/core';
import { Icon } from '../icon/icon';

let nextId = 0;

/**
 * A modal on the native `<dialog>` element: the browser traps focus, closes on Escape and restores
 * focus to the opener. Render it with `@if` so its content is created fresh each time it opens.
 */
@Component({
  selector: 'dqw-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Icon],
  templateUrl: './dialog.html',
  styleUrl: './dialog.scss',
})
export class Dialog {
  readonly title = input.required<string>();
  readonly size = input<'sm' | 'md' | 'lg'>('md');
  /** Emitted when the user dismisses the dialog (Escape, the close button or the backdrop). */
  readonly dismissed = output<void>();
  protected readonly titleId = `dqw-dialog-title-${++nextId}`;
  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');
  private readonly destroyRef = inject(DestroyRef);

  constructor() {
    effect(() => {
      const element = this.dialog().nativeElement;
      // jsdom (unit tests) has no showModal; an open attribute is the closest stand-in.
      if (typeof element.showModal === 'function') {
        if (!element.open) element.showModal();
      } else {
        element.setAttribute('open', '');
      }
    });
    // A click on the backdrop lands on the <dialog> itself; it is a mouse shortcut for Escape.
    afterNextRender(() => {
      const element = this.dialog().nativeElement;
      const onClick = (event: MouseEvent) => {
        if (event.target === element) this.dismissed.emit();
      };
      element.addEventListener('click', onClick);
      this.destroyRef.onDestroy(() => element.removeEventListener('click', onClick));
    });
  }

  protected onCancel(event: Event): void {
    event.preventDefault();
    this.dismissed.emit();
  }
}
