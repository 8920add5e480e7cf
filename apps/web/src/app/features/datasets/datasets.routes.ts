import { Route } from '@angular/router';
import { SectionPlaceholder } from '../../shared/ui/section-placeholder/section-placeholder';

// Placeholder until the Datasets page ships; the route, title and navigation entry are final.
export const datasetsRoutes: Route[] = [
  {
    path: '',
    component: SectionPlaceholder,
    data: {
      heading: 'Datasets',
      summary: 'Uploaded CSV files and connected database tables.',
      icon: 'datasets',
      comingText:
        'Every dataset will be listed here with its schema, column profiles, versions, rules and recommended checks. You will upload a CSV by dragging it here, or connect a database table.',
      nextStep: 'Dataset upload is part of the next release — nothing to set up yet.',
      nextLink: null,
    },
  },
];
