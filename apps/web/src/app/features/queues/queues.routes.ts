import { Route } from '@angular/router';
import { SectionPlaceholder } from '../../shared/ui/section-placeholder/section-placeholder';

// Placeholder until the Queues page ships; the route, title and navigation entry are final.
export const queuesRoutes: Route[] = [
  {
    path: '',
    component: SectionPlaceholder,
    data: {
      heading: 'Queues',
      summary: 'Background work: rule runs, profiling, notifications.',
      icon: 'queues',
      comingText:
        'The state of each job queue — waiting, active, completed and failed jobs, with retries — will be shown here for operators.',
      nextStep: 'The server health is available at /api/health in the meantime.',
      nextLink: null,
    },
  },
];
