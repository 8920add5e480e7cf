import { NAV_ITEMS, navItemsFor, rolesFor } from './nav-items';

describe('navigation by role', () => {
  const labels = (role: Parameters<typeof navItemsFor>[0]) => navItemsFor(role).map((i) => i.label);

  it('shows Admins every section', () => {
    expect(labels('Admin')).toEqual([
      'Dashboard',
      'Datasets',
      'Rules',
      'Runs',
      'Incidents',
      'Audit log',
      'Users',
      'API tokens',
      'Settings',
      'Queues',
    ]);
  });

  it('hides the Admin-only sections (Users, Audit, Settings, Queues) from everyone else', () => {
    for (const role of ['DataEngineer', 'Analyst'] as const) {
      expect(labels(role)).toEqual(['Dashboard', 'Datasets', 'Rules', 'Runs', 'Incidents', 'API tokens']);
    }
    expect(labels(null)).toEqual([]);
  });

  it('gives the route guards the same role lists as the sidebar', () => {
    expect(rolesFor('users')).toEqual(['Admin']);
    expect(rolesFor('tokens')).toEqual(['Admin', 'DataEngineer', 'Analyst']);
    expect(() => rolesFor('nope')).toThrow(/No navigation entry/);
    expect(new Set(NAV_ITEMS.map((i) => i.path)).size).toBe(NAV_ITEMS.length);
  });
});
