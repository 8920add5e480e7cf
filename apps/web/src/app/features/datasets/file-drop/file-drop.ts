import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  input,
  model,
  signal,
  viewChild,
} from '@angular/core';
import { Icon } from '../../../shared/ui/icon/icon';
import { formatBytes } from '../dataset-labels';

/**
 * Drop a file here, or choose one with the button (keyboard and screen readers use the button; the file
 * input itself stays out of the tab order).
 */
@Component({
  selector: 'dqw-file-drop',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Icon],
  template: `
    <div
      class="drop"
      [class.dragging]="dragging()"
      [class.has-file]="file()"
      [class.disabled]="disabled()"
      (dragenter)="over($event)"
      (dragover)="over($event)"
      (dragleave)="dragging.set(false)"
      (drop)="dropped($event)"
      data-testid="file-drop"
    >
      <input
        #picker
        type="file"
        class="visually-hidden"
        tabindex="-1"
        [attr.aria-label]="label()"
        [accept]="accept()"
        [disabled]="disabled()"
        (change)="picked(picker)"
      />
      <span class="drop-icon" aria-hidden="true"><dqw-icon name="upload" [size]="28" /></span>
      @if (file(); as f) {
        <p class="mb-2">
          <strong class="file-name">{{ f.name }}</strong>
          <span class="text-body-secondary"> · {{ size(f) }}</span>
        </p>
        <button
          type="button"
          class="btn btn-sm btn-outline-secondary"
          [disabled]="disabled()"
          (click)="open()"
        >
          Choose another file
        </button>
      } @else {
        <p class="mb-1"><strong>Drag a CSV file here</strong></p>
        <p class="small text-body-secondary mb-2">or</p>
        <button
          type="button"
          class="btn btn-sm btn-outline-secondary"
          [disabled]="disabled()"
          (click)="open()"
        >
          {{ label() }}
        </button>
      }
    </div>
    <p class="visually-hidden" aria-live="polite">{{ file() ? 'Chosen file: ' + file()?.name : '' }}</p>
  `,
  styles: `
    .drop {
      display: flex;
      flex-direction: column;
      align-items: center;
      justify-content: center;
      text-align: center;
      min-height: 9.5rem;
      padding: 1.25rem;
      border: 2px dashed var(--dqw-input-border);
      border-radius: 0.9rem;
      background: var(--dqw-input-bg);
      transition:
        border-color 0.15s,
        background-color 0.15s;
    }
    .drop.dragging {
      border-color: var(--bs-primary-text-emphasis);
      background: var(--dqw-hover);
    }
    .drop.has-file {
      border-style: solid;
    }
    .drop.disabled {
      opacity: 0.7;
    }
    .drop-icon {
      color: var(--bs-primary-text-emphasis);
      margin-bottom: 0.5rem;
    }
    .file-name {
      word-break: break-all;
    }
  `,
})
export class FileDrop {
  readonly file = model<File | null>(null);
  readonly accept = input('.csv,.tsv,.txt,text/csv,text/plain');
  readonly label = input('Choose a CSV file');
  readonly disabled = input(false);
  protected readonly dragging = signal(false);
  private readonly picker = viewChild.required<ElementRef<HTMLInputElement>>('picker');

  protected open(): void {
    this.picker().nativeElement.click();
  }

  protected over(event: DragEvent): void {
    event.preventDefault(); // lets the browser deliver the drop here instead of opening the file
    if (!this.disabled()) this.dragging.set(true);
  }

  protected dropped(event: DragEvent): void {
    event.preventDefault();
    this.dragging.set(false);
    const file = event.dataTransfer?.files?.[0];
    if (file && !this.disabled()) this.file.set(file);
  }

  protected picked(picker: HTMLInputElement): void {
    const file = picker.files?.[0];
    if (file) this.file.set(file);
    picker.value = ''; // choosing the same file again after a change still fires (change)
  }

  protected size(file: File): string {
    return formatBytes(file.size);
  }
}
