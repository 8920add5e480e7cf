import type {
  DashboardStatsDto,
  DashboardTrendsDto,
  DatasetDto,
  DayScoreDto,
  IncidentHeatmapDto,
  Paged,
  RulePassRatesDto,
  RunDetailDto,
  RunRulesResponse,
} from '@dqw/shared-types';
import { Roles } from '@dqw/shared-types';
import { randomUUID } from 'node:crypto';
import { DashboardAggregates } from '../../src/modules/dashboard/dashboard-aggregates.service';
import { RuleRun } from '../../src/modules/rules/runs/rule-run.entity';
import { drainQueue } from '../factories/datasets';
import { describeEachDb } from '../support/db-kinds';
import { ph, tsValue } from '../support/db-helpers';
import { uploadCsv, waitForRun } from '../support/rules-helpers';
import { startTestApp, type SessionClient, type TestApp } from '../support/test-app';

const DAY = 86_400_000;
const utcDay = (offset: number): string =>
  new Date(Math.floor(Date.now() / DAY) * DAY + offset * DAY).toISOString().slice(0, 10);
/** Noon (UTC) of a day relative to today, plus minutes. */
const at = (offset: number, minutes = 0): Date =>
  new Date(Math.floor(Date.now() / DAY) * DAY + offset * DAY + 12 * 3600_000 + minutes * 60_000);

// orders: 4 rows, one email missing, one amount out of range; customers: 4 rows, one city missing.
const ORDERS = 'id,email,amount\n1,a@x.com,10\n2,,20\n3,c@x.com,2000\n4,d@x.com,30\n';
const CUSTOMERS = 'id,name,city\n1,Ann,Oslo\n2,Bob,\n3,Cid,Rome\n4,Dee,Nice\n';

const AGG_TABLES = [
  'dashboard_rule_days',
  'dashboard_rule_latest',
  'dashboard_dataset_days',
  'dashboard_days',
];

/** Every aggregate row, ordered, with numbers rounded (float sums may differ in the last bits). */
async function snapshot(t: TestApp): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of AGG_TABLES) {
    const rows = (await t.dataSource.query(`SELECT * FROM ${table}`)) as Record<string, unknown>[];
    out[table] = rows
      .map((r) =>
        Object.fromEntries(
          Object.entries(r)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([k, v]) => [
              k,
              v instanceof Date
                ? v.toISOString()
                : typeof v === 'number' ||
                    (typeof v === 'string' && /^-?\d+(\.\d+)?(e-?\d+)?$/.test(v) && !/^\d{4}-/.test(v))
                  ? Math.round(Number(v) * 1e9) / 1e9
                  : typeof v === 'string' && /^\d{4}-\d\d-\d\d \d\d:/.test(v)
                    ? new Date(`${v.replace(' ', 'T')}Z`).toISOString()
                    : v,
            ]),
        ),
      )
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  }
  return out;
}

describeEachDb('dashboard read models', (kind) => {
  let t: TestApp;
  let eng: SessionClient;
  let analyst: SessionClient;
  let orders: string;
  let customers: string;
  const rules: Record<string, string> = {};
  const nowRuns = new Map<string, RunDetailDto>();

  const createRule = async (key: string, datasetId: string, dsl: string, severity: string) => {
    const res = await eng.post('/api/rules', { datasetId, name: key, dsl, severity }).expect(201);
    rules[key] = res.body.id as string;
  };

  /** A finished run written with SQL (backdated history), then handed to the aggregates as the hook does. */
  async function historyRun(
    key: string,
    status: 'passed' | 'failed' | 'error',
    passRate: number | null,
    queuedAt: Date,
  ) {
    const base = nowRuns.get(key);
    if (!base) throw new Error(`no run of ${key} yet`);
    const id = randomUUID();
    await t.dataSource.getRepository(RuleRun).insert({
      id,
      ruleId: base.ruleId,
      ruleVersionId: base.ruleVersionId,
      datasetId: base.datasetId,
      datasetVersionId: base.datasetVersionId,
      status,
      trigger: 'schedule',
      triggerKey: `history:${id}`,
      runKey: `history:${id}`,
      batchKey: `history:${id}`,
      rowsChecked: status === 'error' ? null : 4,
      failedCount: status === 'error' ? null : Math.round(4 * (1 - (passRate ?? 0))),
      passRate: status === 'error' ? null : passRate,
      verdict: status === 'passed' ? 'PASSED' : status === 'failed' ? 'FAILED' : 'ERROR',
      error: status === 'error' ? 'boom' : null,
      attempts: 1,
      queuedAt,
      startedAt: queuedAt,
      finishedAt: new Date(queuedAt.getTime() + 1000),
      durationMs: 1000,
      plan: null,
      evidenceFile: null,
      evidenceRows: 0,
      evidencePrunedAt: null,
      outcomeHandledAt: new Date(),
      requestedBy: null,
    });
    const run = {
      id,
      ruleId: base.ruleId,
      datasetId: base.datasetId,
      status,
      queuedAt: queuedAt.toISOString(),
    };
    await t.app.get(DashboardAggregates).record(run);
    return run;
  }

  const stats = async (query = ''): Promise<DashboardStatsDto> =>
    (await analyst.get(`/api/dashboard/stats${query}`).expect(200)).body as DashboardStatsDto;
  const trends = async (query: string): Promise<DashboardTrendsDto> =>
    (await analyst.get(`/api/dashboard/trends${query}`).expect(200)).body as DashboardTrendsDto;
  const passRates = async (query: string): Promise<RulePassRatesDto> =>
    (await analyst.get(`/api/dashboard/rule-pass-rates${query}`).expect(200)).body as RulePassRatesDto;

  beforeAll(async () => {
    t = await startTestApp(kind);
    eng = await t.loginAs(Roles.DataEngineer);
    analyst = await t.loginAs(Roles.Analyst);
    ({ datasetId: orders } = await uploadCsv(t, eng, ORDERS, { name: 'orders' }));
    ({ datasetId: customers } = await uploadCsv(t, eng, CUSTOMERS, { name: 'customers' }));
    await createRule('email', orders, 'NOT_NULL(email)', 'HIGH'); // 0.75, failed
    await createRule('id', orders, 'UNIQUE(id)', 'MEDIUM'); // 1, passed
    await createRule('amount', orders, 'IN_RANGE(amount, 0, 1000)', 'LOW'); // 0.75, failed
    await createRule('positive', orders, 'CUSTOM(amount > 0)', 'HIGH'); // passed, deleted below
    await createRule('name', customers, 'NOT_NULL(name)', 'MEDIUM'); // 1, passed
    await createRule('city', customers, 'NOT_NULL(city)', 'LOW'); // 0.75, failed, deactivated below
    const res = (await eng.post('/api/rules/run', { ruleIds: Object.values(rules) }).expect(202))
      .body as RunRulesResponse;
    for (const r of res.runs) {
      const run = await waitForRun((u) => analyst.get(u), r.id);
      const key = Object.keys(rules).find((k) => rules[k] === r.ruleId) as string;
      nowRuns.set(key, run);
    }
    await drainQueue(t);
    await eng.patch(`/api/rules/${rules['city']}`, { active: false }).expect(200);
    await eng.delete(`/api/rules/${rules['positive']}`).expect(204);

    // Two days ago: email errored, id passed, amount half; name passed then failed (the later run counts).
    await historyRun('email', 'error', null, at(-2));
    await historyRun('id', 'passed', 1, at(-2));
    await historyRun('amount', 'failed', 0.5, at(-2));
    await historyRun('name', 'passed', 1, at(-2));
    await historyRun('name', 'failed', 0.5, at(-2, 30));
  });
  afterAll(async () => t?.close());

  it('runs now have the planted results the expectations below rely on', () => {
    expect([...nowRuns].map(([k, r]) => [k, r.status, r.passRate])).toEqual(
      expect.arrayContaining([
        ['email', 'failed', 0.75],
        ['id', 'passed', 1],
        ['amount', 'failed', 0.75],
        ['positive', 'passed', 1],
        ['name', 'passed', 1],
        ['city', 'failed', 0.75],
      ]),
    );
  });

  it('stats: the score of the latest run of each active rule, weighted, with every rule and run behind it', async () => {
    const s = await stats('?breakdown=rules');
    // orders: (3×0.75 + 2×1 + 1×0.75) / 6 = 5/6; customers: name only (city inactive) = 1.
    const ordersScore = (100 * 5) / 6;
    expect(s.qualityScore).toBeCloseTo((ordersScore + 100) / 2, 9);
    expect(s.scoredDatasets).toBe(2);
    expect(s.datasets).toBe(2);
    expect(s.activeRules).toBe(4);
    expect(s.dimensions.completeness.score).toBeCloseTo((75 + 100) / 2, 9);
    expect(s.dimensions.uniqueness).toMatchObject({ score: 100, datasets: 1, rules: 1 });
    expect(s.dimensions.validity).toMatchObject({ score: 75, datasets: 1, rules: 1 });
    expect(s.dimensions.timeliness).toMatchObject({ score: null, datasets: 0 });

    const o = s.breakdown?.datasets.find((d) => d.datasetId === orders);
    expect(o).toMatchObject({ datasetName: 'orders', weight: 6, rules: 3 });
    expect(o?.weightedPass).toBeCloseTo(5, 9);
    expect(
      o?.ruleContributions?.map((c) => [c.ruleName, c.severity, c.weight, c.passShare, c.run?.id]),
    ).toEqual([
      ['amount', 'LOW', 1, 0.75, nowRuns.get('amount')?.id],
      ['email', 'HIGH', 3, 0.75, nowRuns.get('email')?.id],
      ['id', 'MEDIUM', 2, 1, nowRuns.get('id')?.id],
    ]);
    // The lowest score first.
    expect(s.breakdown?.datasets.map((d) => d.datasetName)).toEqual(['orders', 'customers']);
    expect(s.breakdown?.weights).toEqual({ HIGH: 3, MEDIUM: 2, LOW: 1 });

    // The last 24 h: the six runs of now (history is older).
    expect(s.runsLast24h).toBe(6);
    expect(s.passRateLast24h).toBeCloseTo(0.5, 12);
    expect(s.runsLast24hByStatus).toMatchObject({ passed: 3, failed: 3, error: 0, queued: 0, running: 0 });

    const lean = await stats();
    expect(lean.breakdown?.datasets[0].ruleContributions).toBeUndefined();
    expect(lean.breakdown?.datasets[0]).toMatchObject({ datasetName: 'orders', weight: 6, rules: 3 });
    expect((await stats('?breakdown=datasets')).breakdown).toEqual(lean.breakdown);
    expect((await stats('?breakdown=none')).breakdown).toBeNull();
    const one = await stats(`?datasetId=${customers}`);
    expect(one).toMatchObject({ qualityScore: 100, datasets: 1, activeRules: 1, runsLast24h: 2 });
  });

  it('stats: open incidents by severity and open SLA breaches agree with the incidents API', async () => {
    const ids = (
      (await analyst.get('/api/incidents?status=OPEN,ACKNOWLEDGED,MUTED&pageSize=200').expect(200))
        .body as Paged<{
        id: string;
      }>
    ).items.map((i) => i.id);
    expect(ids.length).toBeGreaterThan(0);
    const ds = t.dataSource;
    await ds.query(`UPDATE incidents SET sla_breached_at = ${ph(ds, 1)} WHERE id = ${ph(ds, 2)}`, [
      tsValue(ds, new Date()),
      ids[0],
    ]);
    const s = await stats();
    for (const sev of ['HIGH', 'MEDIUM', 'LOW'] as const) {
      const open = (await analyst.get(`/api/incidents?status=OPEN,ACKNOWLEDGED&severity=${sev}`).expect(200))
        .body as Paged<unknown>;
      expect(s.openIncidents[sev], sev).toBe(open.total);
    }
    const breached = (
      await analyst.get('/api/incidents?status=OPEN,ACKNOWLEDGED,MUTED&breached=true').expect(200)
    ).body as Paged<unknown>;
    expect(s.slaBreachesOpen).toBe(breached.total);
    expect(s.slaBreachesOpen).toBe(1);
  });

  it('the datasets list carries the same per-dataset score', async () => {
    const list = (await analyst.get('/api/datasets').expect(200)).body as Paged<DatasetDto>;
    const s = await stats('?breakdown=datasets');
    for (const d of list.items) {
      const score = s.breakdown?.datasets.find((x) => x.datasetId === d.id)?.score;
      expect(d.qualityScore, d.name).toBeCloseTo(score as number, 9);
    }
    const detail = (await analyst.get(`/api/datasets/${orders}`).expect(200)).body as DatasetDto;
    expect(detail.qualityScore).toBeCloseTo((100 * 5) / 6, 9);
  });

  it('trends: per day the runs by outcome and the score of the rules that ran that day', async () => {
    const tr = await trends('?days=7');
    expect(tr.items).toHaveLength(7);
    expect(tr.items.map((d) => d.day)).toEqual([-6, -5, -4, -3, -2, -1, 0].map(utcDay));
    const twoAgo = tr.items[4];
    expect(twoAgo).toMatchObject({ runs: 5, passed: 2, failed: 2, errored: 1, datasets: 2 });
    // orders: (3×0 + 2×1 + 1×0.5)/6; customers: the later run of name, 0.5.
    expect(twoAgo.qualityScore).toBeCloseTo(((100 * 2.5) / 6 + 50) / 2, 9);
    expect(twoAgo.dimensions.completeness).toBeCloseTo((0 + 50) / 2, 9);
    expect(twoAgo.dimensions.uniqueness).toBe(100);
    expect(twoAgo.dimensions.validity).toBe(50);
    expect(tr.items[5]).toMatchObject({ runs: 0, qualityScore: null, datasets: 0 });
    // Today: all six runs of now (the deleted and deactivated rules ran today too).
    const today = tr.items[6];
    expect(today).toMatchObject({ runs: 6, passed: 3, failed: 3, errored: 0 });
    const ordersToday = (3 * 0.75 + 2 + 0.75 + 3 * 1) / 9;
    expect(today.qualityScore).toBeCloseTo((100 * ordersToday + (100 * (2 + 0.75)) / 3) / 2, 9);

    // Drill-down: a day's runs are exactly GET /api/runs?from=&to= (finished ones).
    for (const d of [twoAgo, today]) {
      const runs = (await analyst.get(`/api/runs?from=${d.from}&to=${d.to}&pageSize=200`).expect(200))
        .body as Paged<RunDetailDto>;
      expect(runs.items.filter((r) => ['passed', 'failed', 'error'].includes(r.status))).toHaveLength(d.runs);
    }

    const one = await trends(`?days=3&datasetId=${customers}`);
    expect(one.items.map((d) => [d.runs, d.qualityScore])).toEqual([
      [2, 50],
      [0, null],
      [2, expect.closeTo((100 * 2.75) / 3, 9)],
    ]);
    expect((await trends('')).items).toHaveLength(30);
  });

  it('days/{day}: the rules and runs behind a day score, the same number as the trend', async () => {
    const day = (await analyst.get(`/api/dashboard/days/${utcDay(-2)}?breakdown=rules`).expect(200))
      .body as DayScoreDto;
    const tr = await trends('?days=3');
    expect(day.qualityScore).toBeCloseTo(tr.items[0].qualityScore as number, 9);
    const c = day.datasets.find((d) => d.datasetId === customers);
    expect(c?.ruleContributions).toHaveLength(1);
    expect(c?.ruleContributions?.[0]).toMatchObject({ ruleName: 'name', passShare: 0.5, weight: 2 });
    const o = day.datasets.find((d) => d.datasetId === orders);
    expect(o?.ruleContributions?.find((r) => r.ruleName === 'email')).toMatchObject({
      passShare: 0,
      run: { status: 'error', passRate: null },
    });
    const lean = (await analyst.get(`/api/dashboard/days/${utcDay(-2)}`).expect(200)).body as DayScoreDto;
    expect(lean.datasets.map((d) => [d.datasetName, d.ruleContributions])).toEqual([
      ['orders', undefined],
      ['customers', undefined],
    ]);
    const one = (
      await analyst.get(`/api/dashboard/days/${utcDay(-2)}?datasetId=${customers}&breakdown=none`).expect(200)
    ).body as DayScoreDto;
    expect(one).toMatchObject({ qualityScore: 50, datasets: [] });
    const empty = (await analyst.get(`/api/dashboard/days/${utcDay(-1)}`).expect(200)).body as DayScoreDto;
    expect(empty).toMatchObject({ qualityScore: null, datasets: [] });
  });

  it('rule pass rates: per rule over the window, worst first; deleted rules left out, inactive ones kept', async () => {
    const today = await passRates('?days=1');
    expect(today.total).toBe(5);
    // Ties: more runs first, then by name.
    expect(today.items.map((r) => [r.ruleName, r.runs, r.passRate])).toEqual([
      ['amount', 1, 0],
      ['city', 1, 0],
      ['email', 1, 0],
      ['id', 1, 1],
      ['name', 1, 1],
    ]);
    expect(today.items.find((r) => r.ruleName === 'city')).toMatchObject({
      active: false,
      datasetName: 'customers',
    });

    const week = await passRates('?days=7');
    const by = new Map(week.items.map((r) => [r.ruleName, r]));
    expect(by.get('email')).toMatchObject({ runs: 2, passed: 0, failed: 1, errored: 1, passRate: 0 });
    expect(by.get('email')?.meanRowPassRate).toBeCloseTo(0.75, 12);
    expect(by.get('amount')).toMatchObject({ runs: 2, failed: 2 });
    expect(by.get('amount')?.meanRowPassRate).toBeCloseTo(0.625, 12);
    expect(by.get('name')).toMatchObject({ runs: 3, passed: 2, failed: 1, severity: 'MEDIUM' });
    expect(by.get('name')?.passRate).toBeCloseTo(2 / 3, 12);
    expect(by.get('id')).toMatchObject({ runs: 2, passRate: 1, dimension: 'uniqueness' });
    expect((await passRates('?days=7&sort=-passRate')).items[0].ruleName).toBe('id');
    expect((await passRates('?days=7&sort=-runs')).items[0].ruleName).toBe('name');
    const paged = await passRates('?days=7&pageSize=2&page=2');
    expect(paged).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(paged.items).toHaveLength(2);
    expect((await passRates(`?days=7&datasetId=${customers}`)).items.map((r) => r.ruleName)).toEqual([
      'city',
      'name',
    ]);
  });

  it('a late run of an earlier day moves the running totals of the days after it', async () => {
    await historyRun('id', 'failed', 0.25, at(-4));
    const by = (r: RulePassRatesDto) => new Map(r.items.map((x) => [x.ruleName, x]));
    expect(by(await passRates('?days=7')).get('id')).toMatchObject({ runs: 3, passed: 2, failed: 1 });
    expect(by(await passRates('?days=3')).get('id')).toMatchObject({ runs: 2, passed: 2, failed: 0 });
    expect((await trends('?days=7')).items[2]).toMatchObject({ runs: 1, failed: 1 });
  });

  it('heatmap: incidents opened per dataset and day; a cell is GET /api/incidents?datasetId=&from=&to=', async () => {
    const ds = t.dataSource;
    const [first] = (
      (await analyst.get(`/api/incidents?datasetId=${orders}&pageSize=1`).expect(200)).body as Paged<{
        id: string;
      }>
    ).items;
    // Backdated with SQL: the product never moves an opening time, so filled days are dropped by hand.
    await ds.query(`UPDATE incidents SET opened_at = ${ph(ds, 1)} WHERE id = ${ph(ds, 2)}`, [
      tsValue(ds, at(-3)),
      first.id,
    ]);
    await t.app.get(DashboardAggregates).forgetIncidentDays();
    const h = (await analyst.get('/api/dashboard/heatmap?days=7').expect(200)).body as IncidentHeatmapDto;
    // The second answer reads the days filled by the first.
    expect((await analyst.get('/api/dashboard/heatmap?days=7').expect(200)).body).toEqual(h);
    const filled = (await ds.query('SELECT day FROM dashboard_incident_days_done ORDER BY day')) as {
      day: string;
    }[];
    expect(filled.map((r) => r.day)).toEqual([-6, -5, -4, -3, -2].map(utcDay));
    expect(h.dayList.map((d) => d.day)).toEqual([-6, -5, -4, -3, -2, -1, 0].map(utcDay));
    const all = (await analyst.get('/api/incidents?pageSize=200').expect(200)).body as Paged<{
      datasetId: string;
    }>;
    expect(h.total).toBe(all.total);
    expect(h.rows[0].total).toBeGreaterThanOrEqual(h.rows[h.rows.length - 1].total);
    const row = h.rows.find((r) => r.datasetId === orders);
    expect(row?.datasetName).toBe('orders');
    expect(row?.cells.map((c) => c.day)).toContain(utcDay(-3));
    for (const r of h.rows) {
      for (const cell of r.cells) {
        const w = h.dayList.find((d) => d.day === cell.day);
        const inc = (
          await analyst.get(`/api/incidents?datasetId=${r.datasetId}&from=${w?.from}&to=${w?.to}`).expect(200)
        ).body as Paged<unknown>;
        expect(cell.opened, `${r.datasetName} ${cell.day}`).toBe(inc.total);
        expect(cell.bySeverity.HIGH + cell.bySeverity.MEDIUM + cell.bySeverity.LOW).toBe(cell.opened);
      }
    }
    expect(h.max).toBe(Math.max(...h.rows.flatMap((r) => r.cells.map((c) => c.opened))));
    expect(h.datasets).toBe(h.rows.length);
    const one = (await analyst.get(`/api/dashboard/heatmap?days=2&datasetId=${customers}`).expect(200))
      .body as IncidentHeatmapDto;
    expect(one.rows.every((r) => r.datasetId === customers)).toBe(true);
    const top = (await analyst.get('/api/dashboard/heatmap?days=7&limit=1').expect(200))
      .body as IncidentHeatmapDto;
    expect(top.rows.map((r) => r.datasetId)).toEqual([h.rows[0].datasetId]);
    expect(top).toMatchObject({ datasets: h.datasets, total: h.total });
  });

  it('aggregates stay the same when a run is delivered again, and equal a rebuild from the runs', async () => {
    const before = await snapshot(t);
    const agg = t.app.get(DashboardAggregates);
    for (const r of nowRuns.values()) await agg.record(r);
    await agg.record({ ...[...nowRuns.values()][0] });
    expect(await snapshot(t)).toEqual(before);
    await agg.rebuild();
    expect(await snapshot(t)).toEqual(before);
  });

  it('runs recorded concurrently (many rules, one dataset and day) end as a rebuild would', async () => {
    const keys = ['email', 'id', 'amount', 'name', 'city'];
    const written = [];
    for (let i = 0; i < 20; i++) {
      written.push(
        historyRun(
          keys[i % keys.length],
          i % 3 === 0 ? 'failed' : 'passed',
          i % 3 === 0 ? 0.5 : 1,
          at(-5, i),
        ),
      );
    }
    await Promise.all(written);
    const incremental = await snapshot(t);
    await t.app.get(DashboardAggregates).rebuild();
    expect(await snapshot(t)).toEqual(incremental);
  });

  it('builds the aggregates from the stored runs at start when they were never built', async () => {
    const before = await snapshot(t);
    const ds = t.dataSource;
    for (const table of [...AGG_TABLES, 'dashboard_state']) await ds.query(`DELETE FROM ${table}`);
    const { dataDir, schema } = t;
    await t.close({ keepData: true });
    t = await startTestApp(kind, { reuse: { dataDir, schema } });
    expect(await snapshot(t)).toEqual(before);
    analyst = await t.loginAs(Roles.Analyst);
    expect((await stats()).scoredDatasets).toBe(2);
  });

  it('refuses bad query parameters with a 400 naming them, and an unknown dataset with 404', async () => {
    const bad: [string, RegExp][] = [
      ['/api/dashboard/trends?days=0', /days must be a whole number from 1 to 365/],
      ['/api/dashboard/trends?days=366', /days must be a whole number from 1 to 365/],
      ['/api/dashboard/trends?days=abc', /days must be a whole number/],
      ['/api/dashboard/trends?days=1.5', /days must be a whole number/],
      ['/api/dashboard/heatmap?days=-1', /days must be/],
      ['/api/dashboard/rule-pass-rates?days=400', /days must be/],
      ['/api/dashboard/rule-pass-rates?sort=best', /sort must be one of/],
      ['/api/dashboard/rule-pass-rates?pageSize=500', /pageSize/],
      ['/api/dashboard/trends?datasetId=nope', /datasetId must be a dataset id/],
      ['/api/dashboard/stats?datasetId=1', /datasetId must be a dataset id/],
      ['/api/dashboard/stats?breakdown=all', /breakdown must be one of rules, datasets, none/],
      ['/api/dashboard/stats?limit=5', /limit/],
      ['/api/dashboard/days/2024-02-30', /day must be a calendar day as YYYY-MM-DD/],
      ['/api/dashboard/days/yesterday', /day must be a calendar day/],
      [`/api/dashboard/days/${utcDay(0)}?breakdown=all`, /breakdown must be one of/],
      ['/api/dashboard/heatmap?limit=0', /limit must be a whole number from 1 to 200/],
      ['/api/dashboard/heatmap?limit=201', /limit must be a whole number from 1 to 200/],
    ];
    for (const [url, message] of bad) {
      const res = await analyst.get(url);
      expect(res.status, url).toBe(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(res.body.message, url).toMatch(message);
    }
    const missing = randomUUID();
    for (const url of ['stats', 'trends', 'rule-pass-rates', 'heatmap', `days/${utcDay(0)}`]) {
      const res = await analyst.get(`/api/dashboard/${url}?datasetId=${missing}`);
      expect(res.status, url).toBe(404);
      expect(res.body.message).toBe(`Dataset ${missing} not found`);
    }
  });

  it('every role reads the dashboard; without credentials it is 401', async () => {
    const admin = await t.loginAs(Roles.Admin);
    const engineer = await t.loginAs(Roles.DataEngineer);
    for (const c of [admin, engineer, analyst]) {
      for (const url of ['stats', 'trends', 'rule-pass-rates', 'heatmap', `days/${utcDay(0)}`]) {
        await c.get(`/api/dashboard/${url}`).expect(200);
      }
    }
    await t.http().get('/api/dashboard/stats').expect(401);
  });
});
