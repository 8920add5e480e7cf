import { ALL_ROLES, Role, Roles } from '@dqw/shared-types';
import { IconName } from '../../shared/ui/icon/icon';

export interface NavItem {
  path: string;
  label: string;
  icon: IconName;
  /** Roles that see the entry; the route's guard enforces the same list. */
  roles: readonly Role[];
}

const ADMIN_ONLY: readonly Role[] = [Roles.Admin];

/** The product's sections, in sidebar order. */
export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/dashboard', label: 'Dashboard', icon: 'dashboard', roles: ALL_ROLES },
  { path: '/datasets', label: 'Datasets', icon: 'datasets', roles: ALL_ROLES },
  { path: '/rules', label: 'Rules', icon: 'rules', roles: ALL_ROLES },
  { path: '/runs', label: 'Runs', icon: 'runs', roles: ALL_ROLES },
  { path: '/incidents', label: 'Incidents', icon: 'incidents', roles: ALL_ROLES },
  { path: '/audit', label: 'Audit log', icon: 'audit', roles: ADMIN_ONLY },
  { path: '/users', label: 'Users', icon: 'users', roles: ADMIN_ONLY },
  { path: '/tokens', label: 'API tokens', icon: 'tokens', roles: ALL_ROLES },
  { path: '/settings', label: 'Settings', icon: 'settings', roles: ADMIN_ONLY },
  { path: '/queues', label: 'Queues', icon: 'queues', roles: ADMIN_ONLY },
];

export function navItemsFor(role: Role | null): NavItem[] {
  return role ? NAV_ITEMS.filter((item) => item.roles.includes(role)) : [];
}

/** The roles allowed on a top-level path, for the route guards. */
export function rolesFor(path: string): Role[] {
  const item = NAV_ITEMS.find((i) => i.path === `/${path}`);
  if (!item) throw new Error(`No navigation entry for /${path}`);
  return [...item.roles];
}
