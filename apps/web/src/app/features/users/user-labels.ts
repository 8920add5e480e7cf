import { ALL_ROLES, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, Role } from '@dqw/shared-types';

export { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH };

export const ROLE_OPTIONS: readonly { value: Role; label: string; hint: string }[] = ALL_ROLES.map(
  (value) => ({
    value,
    ...roleText(value),
  }),
);

function roleText(role: Role): { label: string; hint: string } {
  switch (role) {
    case 'Admin':
      return { label: 'Admin', hint: 'everything, including users, settings and the audit log' };
    case 'DataEngineer':
      return { label: 'Data engineer', hint: 'datasets, connections, rules, runs and incidents' };
    case 'Analyst':
      return { label: 'Analyst', hint: 'read-only access to data quality results' };
  }
}

export function roleLabel(role: Role): string {
  return roleText(role).label;
}
