import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';
import { EmptyState } from '../../../shared/ui/empty-state/empty-state';

@Component({
  selector: 'dqw-not-found',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [EmptyState, RouterLink],
  template: `
    <header class="page-header"><h1>Page not found</h1></header>
    <section class="glass p-3">
      <dqw-empty-state
        icon="close"
        heading="There is no page at this address"
        text="The link may be old or mistyped. Use the sidebar to find what you were looking for."
      >
        <a class="btn btn-primary" routerLink="/dashboard">Go to the dashboard</a>
      </dqw-empty-state>
    </section>
  `,
})
export class NotFound {}
