import { Route } from '@angular/router';
import { Roles } from '@dqw/shared-types';
import { roleGuard } from '../../core/auth/auth-guards';
import { RuleList } from './rule-list/rule-list';

// The editor is its own lazy chunk: it carries the rule engine (parser and in-memory back end).
const loadEditor = () => import('./rule-editor/rule-editor').then((m) => m.RuleEditor);

export const rulesRoutes: Route[] = [
  { path: '', component: RuleList },
  {
    path: 'new',
    title: 'New rule',
    canActivate: [roleGuard(Roles.Admin, Roles.DataEngineer)],
    loadComponent: loadEditor,
  },
  { path: ':id', title: 'Rule', loadComponent: loadEditor },
];
