import { Route } from '@angular/router';
import { SectionPlaceholder } from '../../shared/ui/section-placeholder/section-placeholder';

// Placeholder until the Settings page ships; the route, title and navigation entry are final.
export const settingsRoutes: Route[] = [
  {
    path: '',
    component: SectionPlaceholder,
    data: {
      heading: 'Settings',
      summary: 'Notification channels and SLA targets.',
      icon: 'settings',
      comingText:
        'Webhook, Slack and email channels for incident notifications, and the time-to-acknowledge and time-to-resolve targets per severity will be configured here.',
      nextStep: 'Until then, review who has access on the Users page.',
      nextLink: { path: '/users', label: 'Go to Users' },
    },
  },
];
