import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { EmptyState } from '../empty-state/empty-state';
import { IconName } from '../icon/icon';

/**
 * The page of a section that a later release fills. Its texts come from the route's `data`
 * (bound to inputs by `withComponentInputBinding`), so each section says what will appear there.
 */
@Component({
  selector: 'dqw-section-placeholder',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [EmptyState, RouterLink],
  template: `
    <header class="page-header">
      <h1>{{ heading() }}</h1>
      <p class="text-body-secondary mb-0">{{ summary() }}</p>
    </header>
    <section class="glass p-3" [attr.aria-label]="heading() + ' — coming soon'">
      <dqw-empty-state [icon]="icon()" heading="Nothing here yet" [text]="comingText()">
        <p class="mb-0">
          <strong>What to do next:</strong> {{ nextStep() }}
          @if (nextLink(); as link) {
            <a class="ms-1" [routerLink]="link.path">{{ link.label }}</a>
          }
        </p>
      </dqw-empty-state>
    </section>
  `,
})
export class SectionPlaceholder {
  readonly heading = input.required<string>();
  readonly summary = input('');
  readonly icon = input<IconName>('dashboard');
  readonly comingText = input.required<string>();
  readonly nextStep = input.required<string>();
  readonly nextLink = input<{ path: string; label: string } | null>(null);
}
