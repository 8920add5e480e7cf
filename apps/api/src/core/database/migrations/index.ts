import { UsersAndAudit1764130000000 } from './1764130000000-users-and-audit';
import { Datasets1764200000000 } from './1764200000000-datasets';
import { RulesAndRuns1764300000000 } from './1764300000000-rules-and-runs';
import { Incidents1764400000000 } from './1764400000000-incidents';
import { Dashboard1764600000000 } from './1764600000000-dashboard';
import { DashboardIndexes1764600000001 } from './1764600000001-dashboard-indexes';
import { DashboardIncidentDays1764600000002 } from './1764600000002-dashboard-incident-days';

/** In order. Each migration must work on SQLite and PostgreSQL (see ../columns.ts). */
export const MIGRATIONS = [
  UsersAndAudit1764130000000,
  Datasets1764200000000,
  RulesAndRuns1764300000000,
  Incidents1764400000000,
  Dashboard1764600000000,
  DashboardIndexes1764600000001,
  DashboardIncidentDays1764600000002,
];
