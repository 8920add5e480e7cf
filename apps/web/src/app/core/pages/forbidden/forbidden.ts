import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';
import { EmptyState } from '../../../shared/ui/empty-state/empty-state';

@Component({
  selector: 'dqw-forbidden',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [EmptyState, RouterLink],
  template: `
    <header class="page-header"><h1>No access</h1></header>
    <section class="glass p-3">
      <dqw-empty-state
        icon="shield"
        heading="You don't have access to that page"
        text="Your role doesn't include this section. If you need it for your work, ask an administrator to change your role."
      >
        <a class="btn btn-primary" routerLink="/dashboard">Go to the dashboard</a>
      </dqw-empty-state>
    </section>
  `,
})
export class Forbidden {}
