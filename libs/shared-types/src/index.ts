export * from './lib/common';
export * from './lib/users';
export * from './lib/audit';
export * from './lib/health';
export * from './lib/datasets';
export * from './lib/rules';
export * from './lib/incidents';
export * from './lib/dashboard';
