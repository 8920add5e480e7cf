import { Route } from '@angular/router';
import { SectionPlaceholder } from '../../shared/ui/section-placeholder/section-placeholder';

// Placeholder until the Rules page ships; the route, title and navigation entry are final.
export const rulesRoutes: Route[] = [
  {
    path: '',
    component: SectionPlaceholder,
    data: {
      heading: 'Rules',
      summary: 'Checks that say whether data can be trusted.',
      icon: 'rules',
      comingText:
        'Your rules (NOT_NULL, UNIQUE, IN_RANGE, MATCHES and more) will be listed here, with a live-validating editor and a dry-run preview on sample rows.',
      nextStep: 'Rules are written for datasets; add a dataset first once uploads are available.',
      nextLink: null,
    },
  },
];
