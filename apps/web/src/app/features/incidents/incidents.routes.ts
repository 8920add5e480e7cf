import { Route } from '@angular/router';
import { SectionPlaceholder } from '../../shared/ui/section-placeholder/section-placeholder';

// Placeholder until the Incidents page ships; the route, title and navigation entry are final.
export const incidentsRoutes: Route[] = [
  {
    path: '',
    component: SectionPlaceholder,
    data: {
      heading: 'Incidents',
      summary: 'Failing rules that need someone to look.',
      icon: 'incidents',
      comingText:
        'When a rule fails, an incident opens here with its severity, SLA countdown, timeline and evidence, ready to acknowledge, resolve or mute.',
      nextStep: 'Nothing to triage yet — incidents open on their own when rules fail.',
      nextLink: null,
    },
  },
];
