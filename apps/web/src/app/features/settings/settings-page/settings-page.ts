import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';

/** Settings (Admin): SLA targets and notification channels, one tab each. */
@Component({
  selector: 'dqw-settings-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, RouterLinkActive, RouterOutlet],
  template: `
    <header class="page-header">
      <div>
        <h1>Settings</h1>
        <p class="text-body-secondary mb-0">How fast incidents must be handled, and who hears about them.</p>
      </div>
    </header>
    <nav class="mb-3" aria-label="Settings sections">
      <ul class="nav nav-pills gap-2">
        <li class="nav-item">
          <a class="nav-link" routerLink="sla" routerLinkActive="active" ariaCurrentWhenActive="page"
            >SLA targets</a
          >
        </li>
        <li class="nav-item">
          <a class="nav-link" routerLink="channels" routerLinkActive="active" ariaCurrentWhenActive="page"
            >Notification channels</a
          >
        </li>
      </ul>
    </nav>
    <router-outlet />
  `,
  styles: `
    .nav-link {
      color: var(--bs-body-color);
      background: var(--dqw-glass);
      border: 1px solid var(--dqw-glass-border);
    }
    .nav-link:hover {
      background: var(--dqw-hover);
    }
    .nav-link.active {
      color: #fff;
      background: var(--bs-primary);
    }
  `,
})
export class SettingsPage {}
