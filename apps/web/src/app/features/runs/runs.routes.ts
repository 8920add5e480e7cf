import { Route } from '@angular/router';
import { RunList } from './run-list/run-list';

export const runsRoutes: Route[] = [
  { path: '', component: RunList },
  {
    path: ':id',
    title: 'Run',
    loadComponent: () => import('./run-detail/run-detail').then((m) => m.RunDetail),
  },
];
