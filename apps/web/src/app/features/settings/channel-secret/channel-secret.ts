import {
  ChangeDetectionStrategy,
  Component,
  DOCUMENT,
  ElementRef,
  afterNextRender,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { Icon } from '../../../shared/ui/icon/icon';

/** The one time a generated webhook signing secret is visible: copy it now, it is never shown again. */
@Component({
  selector: 'dqw-channel-secret',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Icon],
  template: `
    <section
      #panel
      class="alert alert-warning"
      tabindex="-1"
      aria-labelledby="channel-secret-heading"
      data-testid="channel-secret"
    >
      <h2 id="channel-secret-heading" class="h5">Signing secret of “{{ name() }}” — copy it now</h2>
      <p>
        Your receiver needs it to check the <code>X-Watchtower-Signature</code> header. This is the only time
        it is shown; if you lose it, set a new one by editing the channel.
      </p>
      <label for="channel-secret-value" class="form-label fw-semibold">Signing secret</label>
      <div class="d-flex flex-wrap gap-2">
        <input
          #field
          id="channel-secret-value"
          type="text"
          class="form-control font-monospace flex-grow-1 w-auto"
          readonly
          [value]="secret()"
          (focus)="field.select()"
        />
        <button type="button" class="btn btn-primary" (click)="copy()">
          <dqw-icon [name]="copied() === 'yes' ? 'check' : 'copy'" [size]="18" />
          <span class="ms-1">{{ copied() === 'yes' ? 'Copied' : 'Copy' }}</span>
        </button>
        <button type="button" class="btn btn-outline-secondary" (click)="done.emit()">I've copied it</button>
      </div>
      <p class="small mb-0 mt-2" role="status">
        @if (copied() === 'yes') {
          Copied to the clipboard.
        } @else if (copied() === 'failed') {
          Your browser blocked the clipboard; the secret is selected — press Ctrl+C (⌘C on a Mac) to copy it.
        }
      </p>
    </section>
  `,
})
export class ChannelSecret {
  readonly name = input.required<string>();
  readonly secret = input.required<string>();
  readonly done = output<void>();
  private readonly document = inject(DOCUMENT);
  private readonly panel = viewChild.required<ElementRef<HTMLElement>>('panel');
  private readonly field = viewChild.required<ElementRef<HTMLInputElement>>('field');
  protected readonly copied = signal<'no' | 'yes' | 'failed'>('no');

  constructor() {
    // Focus the panel so screen readers announce the warning and the secret.
    afterNextRender(() => this.panel().nativeElement.focus());
  }

  protected async copy(): Promise<void> {
    try {
      await this.document.defaultView?.navigator.clipboard.writeText(this.secret());
      this.copied.set('yes');
    } catch {
      this.field().nativeElement.select();
      this.copied.set('failed');
    }
  }
}
