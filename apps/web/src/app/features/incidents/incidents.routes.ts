import { Route } from '@angular/router';
import { IncidentList } from './incident-list/incident-list';

export const incidentsRoutes: Route[] = [
  { path: '', component: IncidentList },
  {
    path: ':id',
    title: 'Incident',
    loadComponent: () => import('./incident-detail/incident-detail').then((m) => m.IncidentDetail),
  },
];
