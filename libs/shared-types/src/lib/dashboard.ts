import { Severity } from './rules';

export interface DashboardStatsDto {
  qualityScore: number | null;
  openIncidents: Record<Severity, number>;
  runsLast24h: number;
  passRateLast24h: number | null;
  datasets: number;
  activeRules: number;
  slaBreachesOpen: number;
}
