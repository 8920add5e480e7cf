import type {
  DashboardStatsDto,
  DashboardTrendsDto,
  DatasetDto,
  IncidentHeatmapDto,
  Paged,
  RuleDetailDto,
  RunDetailDto,
} from '@dqw/shared-types';
import { Roles } from '@dqw/shared-types';
import { ConfigError, loadConfig } from '../../src/core/config/config';
import { DashboardAggregates } from '../../src/modules/dashboard/dashboard-aggregates.service';
import { DemoLoader } from '../../src/modules/demo/demo-loader.service';
import { DEMO_DATASETS, DEMO_DAYS } from '../../src/modules/demo/demo-workspace';
import { drainQueue, eventually } from '../factories/datasets';
import { describeEachDb } from '../support/db-kinds';
import { uploadCsv } from '../support/rules-helpers';
import { startTestApp, type SessionClient, type TestApp } from '../support/test-app';

const TABLES = [
  'datasets',
  'dataset_versions',
  'rules',
  'rule_versions',
  'rule_runs',
  'incidents',
  // SLA breaches are recorded by the minute check as time passes, whoever loaded the incidents.
  "incident_events WHERE type <> 'sla_breached'",
  'dashboard_rule_days',
  'dashboard_dataset_days',
  'dashboard_days',
];

async function counts(t: TestApp): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of TABLES) {
    const [r] = (await t.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`)) as { n: unknown }[];
    out[table] = Number(r.n);
  }
  return out;
}

/** Waits until the demo load settled and today's runs (queued by it) finished. */
async function settled(t: TestApp, c: SessionClient): Promise<void> {
  expect(await t.app.get(DemoLoader).done).toBe('loaded');
  await eventually(async () => {
    const busy = await Promise.all(
      ['queued', 'running'].map(
        async (s) => ((await c.get(`/api/runs?status=${s}&pageSize=1`)).body as Paged<unknown>).total,
      ),
    );
    return busy[0] + busy[1] === 0;
  }, 120_000);
  await drainQueue(t);
}

describe('WATCHTOWER_DEMO', () => {
  it('is read as a flag, and a bad value names the variable', () => {
    expect(loadConfig({}, '/tmp').demo).toBe(false);
    expect(loadConfig({ WATCHTOWER_DEMO: '1' }, '/tmp').demo).toBe(true);
    expect(loadConfig({ WATCHTOWER_DEMO: 'true' }, '/tmp').demo).toBe(true);
    expect(loadConfig({ WATCHTOWER_DEMO: '0' }, '/tmp').demo).toBe(false);
    expect(() => loadConfig({ WATCHTOWER_DEMO: 'maybe' }, '/tmp')).toThrow(ConfigError);
    expect(() => loadConfig({ WATCHTOWER_DEMO: 'maybe' }, '/tmp')).toThrow(/WATCHTOWER_DEMO must be 1 or 0/);
  });
});

describeEachDb('demo workspace', (kind) => {
  let t: TestApp;
  let analyst: SessionClient;

  beforeAll(async () => {
    t = await startTestApp(kind, { env: { WATCHTOWER_DEMO: '1' } });
    analyst = await t.loginAs(Roles.Analyst);
    await settled(t, analyst);
  }, 300_000);
  afterAll(async () => t?.close());

  it('creates the datasets and rules through the real services, and today their runs find the planted defects', async () => {
    const datasets = (await analyst.get('/api/datasets').expect(200)).body as Paged<DatasetDto>;
    expect(datasets.items.map((d) => d.name).sort()).toEqual(DEMO_DATASETS.map((d) => d.name).sort());
    for (const d of datasets.items) {
      expect(d.qualityScore, d.name).not.toBeNull();
      expect(d.rowCount, d.name).toBeGreaterThan(0);
    }
    const rules = (await analyst.get('/api/rules?pageSize=200').expect(200)).body as Paged<RuleDetailDto>;
    const defs = DEMO_DATASETS.flatMap((d) => d.rules);
    expect(rules.total).toBe(defs.length);
    const today = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000).toISOString();
    for (const def of defs) {
      const rule = rules.items.find((r) => r.name === def.name);
      expect(rule, def.name).toBeDefined();
      const latest = (await analyst.get(`/api/runs?ruleId=${rule?.id}&from=${today}&pageSize=5`).expect(200))
        .body as Paged<RunDetailDto>;
      expect(
        latest.items.map((r) => r.status),
        def.name,
      ).toEqual([def.failsNow ? 'failed' : 'passed']);
    }
  });

  it('fills the dashboard: a score, incidents, a month of trend and a heatmap', async () => {
    const stats = (await analyst.get('/api/dashboard/stats').expect(200)).body as DashboardStatsDto;
    expect(stats.qualityScore).toBeGreaterThan(0);
    expect(stats.qualityScore).toBeLessThan(100);
    expect(stats.datasets).toBe(3);
    expect(stats.scoredDatasets).toBe(3);
    expect(stats.activeRules).toBe(DEMO_DATASETS.flatMap((d) => d.rules).length);
    expect(stats.runsLast24h).toBeGreaterThan(0);
    const failingNow = DEMO_DATASETS.flatMap((d) => d.rules).filter((r) => r.failsNow);
    const open = stats.openIncidents.HIGH + stats.openIncidents.MEDIUM + stats.openIncidents.LOW;
    expect(open).toBe(failingNow.length);
    for (const dim of [
      'completeness',
      'uniqueness',
      'validity',
      'consistency',
      'timeliness',
      'volume',
    ] as const) {
      expect(stats.dimensions[dim].score, dim).not.toBeNull();
    }

    const trends = (await analyst.get(`/api/dashboard/trends?days=${DEMO_DAYS + 1}`).expect(200))
      .body as DashboardTrendsDto;
    expect(trends.items.every((d) => d.runs > 0 && d.qualityScore !== null)).toBe(true);
    expect(new Set(trends.items.map((d) => Math.round(d.qualityScore ?? 0))).size).toBeGreaterThan(3);
    expect(trends.items.some((d) => d.errored > 0)).toBe(true);

    const heatmap = (await analyst.get(`/api/dashboard/heatmap?days=${DEMO_DAYS + 1}`).expect(200))
      .body as IncidentHeatmapDto;
    expect(heatmap.rows.length).toBe(3);
    expect(new Set(heatmap.rows.flatMap((r) => r.cells.map((c) => c.day))).size).toBeGreaterThan(8);
    const resolved = (await analyst.get('/api/incidents?status=RESOLVED').expect(200)).body as Paged<unknown>;
    expect(resolved.total).toBeGreaterThan(5);
  });

  it('wrote history the hooks keep: the aggregates equal a rebuild from the runs', async () => {
    const before = await t.dataSource.query(
      'SELECT day, passed, failed, errored, datasets FROM dashboard_days ORDER BY day',
    );
    await t.app.get(DashboardAggregates).rebuild();
    expect(
      await t.dataSource.query(
        'SELECT day, passed, failed, errored, datasets FROM dashboard_days ORDER BY day',
      ),
    ).toEqual(before);
  });

  it('a second start changes nothing', async () => {
    const before = await counts(t);
    const { dataDir, schema } = t;
    await t.close({ keepData: true });
    t = await startTestApp(kind, { env: { WATCHTOWER_DEMO: '1' }, reuse: { dataDir, schema } });
    expect(await t.app.get(DemoLoader).done).toBe('already-loaded');
    await drainQueue(t);
    expect(await counts(t)).toEqual(before);
  });
});

describe('demo workspace on an installation that has data', () => {
  it('leaves it alone', async () => {
    const t = await startTestApp('sqlite');
    try {
      const eng = await t.loginAs(Roles.DataEngineer);
      await uploadCsv(t, eng, 'id\n1\n2\n', { name: 'mine' });
      const before = await counts(t);
      expect(await t.app.get(DemoLoader).load()).toBe('not-empty');
      expect(await counts(t)).toEqual(before);
    } finally {
      await t.close();
    }
  });
});
