import { CanDeactivateFn, Route } from '@angular/router';
import { Roles } from '@dqw/shared-types';
import { roleGuard } from '../../core/auth/auth-guards';
import { RuleList } from './rule-list/rule-list';

// The editor is its own lazy chunk: it carries the rule engine (parser and in-memory back end).
const loadEditor = () => import('./rule-editor/rule-editor').then((m) => m.RuleEditor);
/** Typed loosely so this file does not import the editor (and with it the engine) eagerly. */
const confirmLeave: CanDeactivateFn<{ canLeave(): boolean }> = (editor) => editor.canLeave();

export const rulesRoutes: Route[] = [
  { path: '', component: RuleList },
  {
    path: 'new',
    title: 'New rule',
    canActivate: [roleGuard(Roles.Admin, Roles.DataEngineer)],
    canDeactivate: [confirmLeave],
    loadComponent: loadEditor,
  },
  { path: ':id', title: 'Rule', canDeactivate: [confirmLeave], loadComponent: loadEditor },
];
