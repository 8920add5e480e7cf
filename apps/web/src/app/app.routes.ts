import { Route } from '@angular/router';
import { authGuard, guestGuard, roleGuard } from './core/auth/auth-guards';
import { rolesFor } from './core/shell/nav-items';
import { Shell } from './core/shell/shell/shell';

/** Every feature is its own lazy chunk; the role guards use the same role lists as the sidebar. */
export const appRoutes: Route[] = [
  {
    path: 'login',
    title: 'Sign in',
    canActivate: [guestGuard],
    loadComponent: () => import('./features/login/login-page/login-page').then((m) => m.LoginPage),
  },
  {
    path: '',
    component: Shell,
    canActivate: [authGuard],
    canActivateChild: [authGuard],
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'dashboard' },
      {
        path: 'dashboard',
        title: 'Dashboard',
        loadChildren: () => import('./features/dashboard/dashboard.routes').then((m) => m.dashboardRoutes),
      },
      {
        path: 'datasets',
        title: 'Datasets',
        loadChildren: () => import('./features/datasets/datasets.routes').then((m) => m.datasetsRoutes),
      },
      {
        path: 'rules',
        title: 'Rules',
        loadChildren: () => import('./features/rules/rules.routes').then((m) => m.rulesRoutes),
      },
      {
        path: 'runs',
        title: 'Runs',
        loadChildren: () => import('./features/runs/runs.routes').then((m) => m.runsRoutes),
      },
      {
        path: 'incidents',
        title: 'Incidents',
        loadChildren: () => import('./features/incidents/incidents.routes').then((m) => m.incidentsRoutes),
      },
      {
        path: 'audit',
        title: 'Audit log',
        canActivate: [roleGuard(...rolesFor('audit'))],
        loadChildren: () => import('./features/audit/audit.routes').then((m) => m.auditRoutes),
      },
      {
        path: 'users',
        title: 'Users',
        canActivate: [roleGuard(...rolesFor('users'))],
        loadChildren: () => import('./features/users/users.routes').then((m) => m.usersRoutes),
      },
      {
        path: 'tokens',
        title: 'API tokens',
        loadChildren: () => import('./features/tokens/tokens.routes').then((m) => m.tokensRoutes),
      },
      {
        path: 'settings',
        title: 'Settings',
        canActivate: [roleGuard(...rolesFor('settings'))],
        loadChildren: () => import('./features/settings/settings.routes').then((m) => m.settingsRoutes),
      },
      {
        path: 'queues',
        title: 'Queues',
        canActivate: [roleGuard(...rolesFor('queues'))],
        loadChildren: () => import('./features/queues/queues.routes').then((m) => m.queuesRoutes),
      },
      {
        path: 'forbidden',
        title: 'No access',
        loadComponent: () => import('./core/pages/forbidden/forbidden').then((m) => m.Forbidden),
      },
      {
        path: '**',
        title: 'Page not found',
        loadComponent: () => import('./core/pages/not-found/not-found').then((m) => m.NotFound),
      },
    ],
  },
];
