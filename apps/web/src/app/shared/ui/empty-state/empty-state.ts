import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { Icon, IconName } from '../icon/icon';

/** What will appear here and what to do next — used wherever a list or a section is empty. */
@Component({
  selector: 'dqw-empty-state',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Icon],
  template: `
    <div class="empty-state text-center">
      <span class="empty-icon"><dqw-icon [name]="icon()" [size]="36" /></span>
      <h2 class="h5 mt-3">{{ heading() }}</h2>
      <p class="text-body-secondary mb-3 mx-auto">{{ text() }}</p>
      <ng-content />
    </div>
  `,
  styles: `
    .empty-state {
      padding: 2.5rem 1rem;
    }
    .empty-icon {
      display: inline-flex;
      padding: 1rem;
      border-radius: 50%;
      color: var(--bs-primary-text-emphasis);
      background: var(--bs-primary-bg-subtle);
    }
    p {
      max-width: 38rem;
    }
  `,
})
export class EmptyState {
  readonly icon = input<IconName>('dashboard');
  readonly heading = input.required<string>();
  readonly text = input.required<string>();
}
