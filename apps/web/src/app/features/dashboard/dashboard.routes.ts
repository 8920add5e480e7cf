import { Route } from '@angular/router';
import { SectionPlaceholder } from '../../shared/ui/section-placeholder/section-placeholder';

// Placeholder until the Dashboard page ships; the route, title and navigation entry are final.
export const dashboardRoutes: Route[] = [
  {
    path: '',
    component: SectionPlaceholder,
    data: {
      heading: 'Dashboard',
      summary: 'Data quality at a glance.',
      icon: 'dashboard',
      comingText:
        'The quality score, open incidents by severity, the trend of passing and failing checks, pass rates per rule, an incident heatmap and the latest incidents will appear here once your datasets have rules that run.',
      nextStep: 'Meanwhile, create a personal API token for your scripts.',
      nextLink: { path: '/tokens', label: 'Create an API token' },
    },
  },
];
