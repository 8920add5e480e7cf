import {
  ChangeDetectionStrategy,
  Component,
  DOCUMENT,
  ElementRef,
  inject,
  input,
  output,
  signal,
  viewChild,
  afterNextRender,
} from '@angular/core';
import { CreatedTokenResponse } from '@dqw/shared-types';
import { Icon } from '../../../shared/ui/icon/icon';

/** The one time a token's secret is visible: copy it now, it is never shown again. */
@Component({
  selector: 'dqw-token-created',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Icon],
  templateUrl: './token-created.html',
})
export class TokenCreated {
  readonly token = input.required<CreatedTokenResponse>();
  readonly done = output<void>();
  private readonly document = inject(DOCUMENT);
  private readonly panel = viewChild.required<ElementRef<HTMLElement>>('panel');
  private readonly field = viewChild.required<ElementRef<HTMLInputElement>>('secret');
  protected readonly copied = signal<'no' | 'yes' | 'failed'>('no');

  constructor() {
    // Move focus to the panel so screen readers announce the warning and the secret.
    afterNextRender(() => this.panel().nativeElement.focus());
  }

  protected async copy(): Promise<void> {
    const secret = this.token().token;
    try {
      await this.document.defaultView?.navigator.clipboard.writeText(secret);
      this.copied.set('yes');
    } catch {
      // No clipboard permission (or plain http): select the text so Ctrl+C works.
      this.field().nativeElement.select();
      this.copied.set('failed');
    }
  }
}
