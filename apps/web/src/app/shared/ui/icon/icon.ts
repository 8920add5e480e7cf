import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

/** Stroke icons drawn on a 24×24 grid; decorative only (the text next to them carries the meaning). */
const PATHS = {
  dashboard: 'M3 3h7v9H3z M14 3h7v5h-7z M14 12h7v9h-7z M3 16h7v5H3z',
  datasets:
    'M4 6c0-1.7 3.6-3 8-3s8 1.3 8 3-3.6 3-8 3-8-1.3-8-3z M4 6v12c0 1.7 3.6 3 8 3s8-1.3 8-3V6 M4 12c0 1.7 3.6 3 8 3s8-1.3 8-3',
  rules: 'M10 6h10 M10 12h10 M10 18h10 M3.5 6l1.5 1.5L8 4.5 M3.5 12l1.5 1.5L8 10.5 M3.5 18l1.5 1.5L8 16.5',
  runs: 'M7 4.5v15l12-7.5z',
  incidents: 'M12 3.5 22 20.5H2z M12 10v4.5 M12 17.5v.01',
  audit: 'M6 3h9l5 5v13H6z M14 3v6h6 M9 13h8 M9 17h6',
  users:
    'M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8z M2 21v-1a6 6 0 0 1 6-6h2a6 6 0 0 1 6 6v1 M16 3.3a4 4 0 0 1 0 7.4 M22 21v-1a6 6 0 0 0-4-5.7',
  tokens: 'M8 12a4.5 4.5 0 1 0 0 9 4.5 4.5 0 0 0 0-9z M11.2 13.3 21 3.5 M17 7.5l3 3 M14.5 10l2 2',
  settings: 'M4 6h9 M17 6h3 M4 12h3 M11 12h9 M4 18h11 M19 18h1 M15 4v4 M9 10v4 M17 16v4',
  queues: 'M12 3 21 8l-9 5-9-5z M3 12.5l9 5 9-5 M3 16.5l9 5 9-5',
  menu: 'M3 6h18 M3 12h18 M3 18h18',
  close: 'M6 6l12 12 M18 6 6 18',
  sun: 'M12 16a4 4 0 1 0 0-8 4 4 0 0 0 0 8z M12 2v2 M12 20v2 M4.9 4.9l1.4 1.4 M17.7 17.7l1.4 1.4 M2 12h2 M20 12h2 M4.9 19.1l1.4-1.4 M17.7 6.3l1.4-1.4',
  moon: 'M20.5 14.5A8.5 8.5 0 1 1 9.5 3.5a7 7 0 0 0 11 11z',
  logout: 'M9 21H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h4 M16 17l5-5-5-5 M21 12H9',
  copy: 'M9 9h11v11H9z M5 15H4V4h11v1',
  plus: 'M12 5v14 M5 12h14',
  shield: 'M12 2.5 20 6v6c0 5-3.4 8.4-8 9.9C7.4 20.4 4 17 4 12V6z M8.5 12l2.5 2.5 4.5-5',
  check: 'M5 12.5l4.5 4.5L19 7.5',
  refresh: 'M20 11a8 8 0 1 0-2.3 5.7 M20 4v7h-7',
  download: 'M12 3v12 M7 10l5 5 5-5 M4 19h16',
  upload: 'M12 16V4 M7 9l5-5 5 5 M4 20h16',
  trash: 'M4 7h16 M9 7V4h6v3 M6 7l1 13h10l1-13 M10 11v6 M14 11v6',
} as const;

export type IconName = keyof typeof PATHS;

@Component({
  selector: 'dqw-icon',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<svg
    viewBox="0 0 24 24"
    [attr.width]="size()"
    [attr.height]="size()"
    fill="none"
    stroke="currentColor"
    stroke-width="2"
    stroke-linecap="round"
    stroke-linejoin="round"
    aria-hidden="true"
    focusable="false"
  >
    <path [attr.d]="path()" />
  </svg>`,
  styles: `
    :host {
      display: inline-flex;
      flex-shrink: 0;
      line-height: 0;
      vertical-align: -0.2em;
    }
  `,
})
export class Icon {
  readonly name = input.required<IconName>();
  readonly size = input(20);
  protected readonly path = computed(() => PATHS[this.name()]);
}
