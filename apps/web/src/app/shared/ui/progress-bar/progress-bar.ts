import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

/**
 * A progress bar with an accessible name and value. `value` is 0–100, or null while the amount is
 * unknown (an animated, indeterminate bar).
 */
@Component({
  selector: 'dqw-progress-bar',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div
      class="track"
      role="progressbar"
      [attr.aria-label]="label()"
      aria-valuemin="0"
      aria-valuemax="100"
      [attr.aria-valuenow]="rounded()"
      [attr.aria-valuetext]="valueText()"
    >
      <div
        class="bar tone-{{ tone() }}"
        [class.indeterminate]="rounded() === null"
        [style.width.%]="rounded() ?? 100"
      ></div>
    </div>
  `,
  styles: `
    :host {
      display: block;
    }
    .track {
      height: var(--dqw-progress-height, 0.6rem);
      border-radius: 999px;
      background: var(--dqw-code-bg);
      box-shadow: inset 0 0 0 1px var(--dqw-glass-edge);
      overflow: hidden;
    }
    .bar {
      height: 100%;
      border-radius: 999px;
      transition: width 0.2s ease;
    }
    .tone-primary {
      background: var(--bs-primary);
    }
    .tone-success {
      background: var(--bs-success);
    }
    .tone-danger {
      background: var(--bs-danger);
    }
    :host-context([data-bs-theme='dark']) .tone-primary {
      background: #8c9bff;
    }
    :host-context([data-bs-theme='dark']) .tone-success {
      background: #4cc38a;
    }
    :host-context([data-bs-theme='dark']) .tone-danger {
      background: #ff8a96;
    }
    .indeterminate {
      background-image: linear-gradient(
        45deg,
        rgb(255 255 255 / 30%) 25%,
        transparent 25%,
        transparent 50%,
        rgb(255 255 255 / 30%) 50%,
        rgb(255 255 255 / 30%) 75%,
        transparent 75%
      );
      background-size: 1rem 1rem;
      animation: dqw-stripes 0.8s linear infinite;
    }
    @keyframes dqw-stripes {
      from {
        background-position: 1rem 0;
      }
      to {
        background-position: 0 0;
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .bar {
        transition: none;
        animation: none;
      }
    }
  `,
})
export class ProgressBar {
  /** What is progressing ("Uploading orders.csv"). */
  readonly label = input.required<string>();
  /** 0–100, or null when unknown. */
  readonly value = input<number | null>(null);
  readonly tone = input<'primary' | 'success' | 'danger'>('primary');
  /** Read out instead of the bare percentage, e.g. "3.2 MB of 10 MB". */
  readonly text = input<string | null>(null);

  protected readonly rounded = computed(() => {
    const v = this.value();
    return v === null || !Number.isFinite(v) ? null : Math.max(0, Math.min(100, Math.round(v)));
  });
  protected readonly valueText = computed(() => {
    const custom = this.text();
    if (custom) return custom;
    const v = this.rounded();
    return v === null ? 'In progress' : `${v}%`;
  });
}
