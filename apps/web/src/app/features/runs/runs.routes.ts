import { Route } from '@angular/router';
import { SectionPlaceholder } from '../../shared/ui/section-placeholder/section-placeholder';

// Placeholder until the Runs page ships; the route, title and navigation entry are final.
export const runsRoutes: Route[] = [
  {
    path: '',
    component: SectionPlaceholder,
    data: {
      heading: 'Runs',
      summary: 'Every time a rule was checked, and what it found.',
      icon: 'runs',
      comingText:
        'Rule runs — on demand, on upload and on schedule — will appear here with their status, pass rate, duration and the failing rows as evidence.',
      nextStep: 'Runs start from rules; there is nothing to run yet.',
      nextLink: null,
    },
  },
];
