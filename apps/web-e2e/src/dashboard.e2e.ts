import type {
  DashboardStatsDto,
  DashboardTrendsDto,
  IncidentHeatmapDto,
  IncidentListResponse,
  Paged,
  RulePassRatesDto,
  RunDetailDto,
} from '@dqw/shared-types';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { RunningApi, startApi } from './support/api-server';
import { axeViolations } from './support/axe';
import { hasChromium, launchChromium, screenshot, watchForProblems } from './support/browser';
import { apiGet, runsSettled, startDemoApi } from './support/dashboard-setup';
import { ApiSession } from './support/rules-setup';

const ADMIN = { email: 'admin@dashboard-e2e.example.com', password: 'e2e-Dashboard-passphrase-42' };
const mustRun = process.env['CI'] === 'true';

/** The page's rendering of a score (one decimal). */
const score = (s: number | null) => (s === null ? '–' : (Math.round(s * 10) / 10).toFixed(1));

describe.skipIf(!hasChromium && !mustRun)('Dashboard in Chromium (demo workspace)', () => {
  let api: RunningApi;
  let session: ApiSession;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];
  const get = <T>(path: string) => apiGet<T>(api.url, session, path);

  beforeAll(async () => {
    if (!hasChromium) throw new Error('Chromium is missing at /usr/bin/chromium (required when CI=true)');
    ({ api, session } = await startDemoApi(ADMIN));
    browser = await launchChromium();
    // UTC like the API's days, so a heatmap day is the same day on the incidents page.
    context = await browser.newContext({
      baseURL: api.url,
      viewport: { width: 1366, height: 900 },
      colorScheme: 'light',
      timezoneId: 'UTC',
    });
    page = await context.newPage();
    watchForProblems(page, problems);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  async function capture(name: string, fullPage = true): Promise<void> {
    await screenshot(page, name, fullPage);
    const serious = (await axeViolations(page)).filter((v) => /\((serious|critical)\)/.test(v));
    expect(serious, `accessibility of ${name}`).toEqual([]);
  }

  async function captureBothThemes(name: string, fullPage = true): Promise<void> {
    await capture(`${name}-light`, fullPage);
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    expect(await page.locator('html').getAttribute('data-bs-theme')).toBe('dark');
    await capture(`${name}-dark`, fullPage);
    await page.getByRole('button', { name: 'Switch to light theme' }).click();
  }

  const text = async (testId: string) =>
    ((await page.getByTestId(testId).textContent()) ?? '').replace(/\s+/g, ' ').trim();
  const tableRows = (testId: string) => page.locator(`[data-testid="${testId}"] table tbody tr`);

  it('shows the KPI numbers the API computes', async () => {
    await page.goto('/login');
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await page.getByTestId('kpi-score').waitFor();

    const stats = await get<DashboardStatsDto>('/api/dashboard/stats');
    expect(await text('kpi-score')).toBe(score(stats.qualityScore));
    const open = stats.openIncidents.HIGH + stats.openIncidents.MEDIUM + stats.openIncidents.LOW;
    expect(open).toBeGreaterThan(0); // the demo plants defects
    expect(await text('kpi-open-incidents')).toBe(String(open));
    expect(await text('kpi-open-HIGH')).toBe(`High ${stats.openIncidents.HIGH}`);
    expect(await text('kpi-open-MEDIUM')).toBe(`Medium ${stats.openIncidents.MEDIUM}`);
    expect(await text('kpi-open-LOW')).toBe(`Low ${stats.openIncidents.LOW}`);
    expect(await text('kpi-runs-24h')).toBe(String(stats.runsLast24h));
    expect(await text('kpi-datasets')).toBe(String(stats.datasets));
    expect(await text('kpi-active-rules')).toBe(String(stats.activeRules));
    expect(await text('kpi-sla-breaches')).toBe(String(stats.slaBreachesOpen));
    const dimension = await page.locator('[data-dimension="completeness"] .badge').textContent();
    expect(dimension?.trim()).toBe(score(stats.dimensions.completeness.score));
  });

  it('opens where the score comes from: every dataset with its rules', async () => {
    await page.getByRole('button', { name: 'Where the score comes from' }).click();
    const breakdown = page.locator('dqw-score-breakdown');
    await breakdown.locator('details').first().waitFor();
    const stats = await get<DashboardStatsDto>('/api/dashboard/stats?breakdown=rules');
    const datasets = stats.breakdown?.datasets ?? [];
    expect(await breakdown.locator('details').count()).toBe(datasets.length);
    const first = datasets[0];
    const details = breakdown.locator(`details[data-breakdown="${first.datasetName}"]`);
    expect(await details.locator('summary').textContent()).toContain(score(first.score));
    await details.locator('summary').click();
    expect(await details.locator('tbody tr').count()).toBe(first.ruleContributions?.length);
    await page.getByRole('button', { name: 'Hide the breakdown' }).click();
  });

  it('draws the charts with their numbers in tables', async () => {
    const trends = await get<DashboardTrendsDto>('/api/dashboard/trends?days=30');
    const rates = await get<RulePassRatesDto>('/api/dashboard/rule-pass-rates?days=30&pageSize=10');
    const heatmap = await get<IncidentHeatmapDto>('/api/dashboard/heatmap?days=30');
    for (const id of ['trend-runs', 'trend-score', 'pass-rates']) {
      await page.locator(`[data-testid="${id}"] canvas[role="img"]`).first().waitFor();
    }
    expect(await tableRows('trend-runs').count()).toBe(30);
    const today = trends.items[trends.items.length - 1];
    const lastRow = (await tableRows('trend-runs').last().locator('td').allTextContents()).map((t) =>
      t.trim(),
    );
    expect(lastRow).toEqual([String(today.passed), String(today.failed), String(today.errored)]);

    expect(rates.items.length).toBeGreaterThan(0);
    expect(await tableRows('pass-rates').count()).toBe(rates.items.length);
    const worst = await tableRows('pass-rates').first().textContent();
    expect(worst).toContain(rates.items[0].ruleName);

    expect(heatmap.rows.length).toBeGreaterThan(0);
    const heat = page.locator('dqw-heatmap tbody tr');
    expect(await heat.count()).toBe(heatmap.rows.length);
    const top = heatmap.rows[0];
    expect(await heat.first().locator('th').textContent()).toContain(top.datasetName);
    const cellSum = (await heat.first().locator('td').allTextContents())
      .map((t) => Number(t.trim()))
      .reduce((a, b) => a + b, 0);
    expect(cellSum).toBe(top.total);

    const recent = await get<IncidentListResponse>('/api/incidents?sort=-openedAt&pageSize=5');
    const titles = page.getByTestId('recent-incidents').locator('li[data-incident] a.fw-semibold');
    expect((await titles.allTextContents()).map((t) => t.trim())).toEqual(recent.items.map((i) => i.title));
    await captureBothThemes('dashboard-01-demo');
  });

  it('keeps the time range in the URL, also after a reload', async () => {
    await page.getByRole('group', { name: 'Time range' }).getByRole('button', { name: '7 days' }).click();
    await page.waitForURL(/[?&]days=7\b/);
    await expect.poll(() => tableRows('trend-runs').count(), { timeout: 30_000 }).toBe(7);
    await page.reload();
    await page.getByTestId('kpi-score').waitFor();
    expect(page.url()).toMatch(/[?&]days=7\b/);
    const pressed = page.getByRole('group', { name: 'Time range' }).getByRole('button', { pressed: true });
    expect((await pressed.textContent())?.trim()).toBe('7 days');
    await expect.poll(() => tableRows('trend-runs').count(), { timeout: 30_000 }).toBe(7);
  });

  it("opens a day's runs from a click on the trend", async () => {
    const trends = await get<DashboardTrendsDto>('/api/dashboard/trends?days=7');
    const canvas = page.locator('[data-testid="trend-runs"] canvas[role="img"]');
    await canvas.waitFor();
    const box = await canvas.boundingBox();
    if (!box) throw new Error('the trend canvas has no box');
    // Any point over the chart picks the nearest day (index mode); which day it is comes from the URL.
    await canvas.click({ position: { x: box.width * 0.6, y: box.height * 0.5 } });
    await page.waitForURL(/\/runs\?/);
    const url = new URL(page.url());
    const day = trends.items.find((d) => d.from === url.searchParams.get('from'));
    expect(day, `a trend day starting at ${url.searchParams.get('from')}`).toBeDefined();
    if (!day) return;
    expect(url.searchParams.get('to')).toBe(day.to);
    await page.getByRole('heading', { level: 1, name: 'Runs' }).waitFor();
    const listed = await get<Paged<RunDetailDto>>(
      `/api/runs?from=${encodeURIComponent(day.from)}&to=${encodeURIComponent(day.to)}&pageSize=1`,
    );
    expect(listed.total).toBe(day.runs);
    if (day.runs > 0) {
      await page.getByText(`of ${day.runs}`, { exact: false }).first().waitFor();
      await expect
        .poll(() => page.locator('tbody tr[data-run]').count(), { timeout: 30_000 })
        .toBe(Math.min(25, day.runs));
    } else {
      await page.getByRole('heading', { name: 'No runs match' }).waitFor();
    }
    expect(await page.getByLabel('Queued from').inputValue()).toBe(day.day);
    await capture('dashboard-02-day-runs');
    await page.goBack();
    await page.getByTestId('kpi-score').waitFor();
  });

  it("opens a dataset's incidents of a day from the heatmap", async () => {
    const heatmap = await get<IncidentHeatmapDto>('/api/dashboard/heatmap?days=7');
    const link = page.locator('dqw-heatmap a.cell-link').first();
    await link.waitFor();
    await link.click();
    await page.waitForURL(/\/incidents\?/);
    const url = new URL(page.url());
    const datasetId = url.searchParams.get('datasetId');
    const day = url.searchParams.get('from');
    expect(url.searchParams.get('to')).toBe(day);
    expect(url.searchParams.get('status')).toBe('all');
    const cell = heatmap.rows.find((r) => r.datasetId === datasetId)?.cells.find((c) => c.day === day);
    expect(cell?.opened, `a heatmap cell for ${datasetId} on ${day}`).toBeGreaterThan(0);
    await page.getByRole('heading', { level: 1, name: 'Incidents' }).waitFor();
    await expect
      .poll(() => page.locator('tbody tr[data-incident]').count(), { timeout: 30_000 })
      .toBe(Math.min(25, cell?.opened ?? 0));
    await capture('dashboard-03-cell-incidents');

    // The dataset's row header: all its incidents of the range.
    await page.goBack();
    const rowLink = page.locator('dqw-heatmap tbody th a').first();
    await rowLink.waitFor();
    await rowLink.click();
    await page.waitForURL(/\/incidents\?/);
    expect(new URL(page.url()).searchParams.get('datasetId')).toBe(heatmap.rows[0].datasetId);
    await page.goBack();
    await page.getByTestId('kpi-score').waitFor();
  });

  it('follows new runs live, without a reload', async () => {
    const before = Number(await text('kpi-runs-24h'));
    const datasets = await get<Paged<{ id: string }>>('/api/datasets?pageSize=1');
    const res = await fetch(`${api.url}/api/rules/run`, {
      method: 'POST',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ datasetId: datasets.items[0].id }),
    });
    expect(res.status).toBe(202);
    const queued = ((await res.json()) as { runs: unknown[] }).runs.length;
    expect(queued).toBeGreaterThan(0);
    await runsSettled(api.url, session);
    await expect
      .poll(async () => Number(await text('kpi-runs-24h')), { timeout: 30_000 })
      .toBe(before + queued);
    const stats = await get<DashboardStatsDto>('/api/dashboard/stats');
    expect(await text('kpi-runs-24h')).toBe(String(stats.runsLast24h));
  });

  it('fits a phone screen in both themes', async () => {
    const phone = await context.newPage();
    watchForProblems(phone, problems);
    await phone.setViewportSize({ width: 375, height: 812 });
    await phone.goto('/dashboard');
    await phone.getByTestId('kpi-score').waitFor();
    await phone.locator('[data-testid="trend-runs"] canvas').waitFor();
    // Nothing in the page is wider than the screen (wide tables scroll inside their own box; hidden
    // chart tables are clipped by their chart).
    const wide = await phone.evaluate(() =>
      [...document.querySelectorAll('main *')]
        .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
        .filter((el) => !el.closest('.table-responsive, .heatmap-scroll, .visually-hidden'))
        .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`)
        .slice(0, 10),
    );
    expect(wide).toEqual([]);
    const main = await phone.evaluate(() => {
      const el = document.querySelector('main');
      return { scroll: el?.scrollWidth ?? 0, client: el?.clientWidth ?? 0 };
    });
    expect(main.scroll).toBeLessThanOrEqual(main.client);
    const desktop = page;
    page = phone;
    try {
      await captureBothThemes('dashboard-04-phone');
    } finally {
      page = desktop;
      await phone.close();
    }
  });

  it('had no uncaught errors or blocked scripts in the browser', () => {
    expect(problems).toEqual([]);
  });
});

describe.skipIf(!hasChromium && !mustRun)('Dashboard of a new installation', () => {
  it('tells a new user what to do next, in both themes', async () => {
    const fresh = await startApi({ adminEmail: ADMIN.email, adminPassword: ADMIN.password });
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ baseURL: fresh.url, viewport: { width: 1280, height: 800 } });
      const problems: string[] = [];
      watchForProblems(page, problems);
      await page.goto('/login');
      await page.getByLabel('Email').fill(ADMIN.email);
      await page.getByLabel('Password').fill(ADMIN.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { level: 2, name: 'Welcome to Watchtower' }).waitFor();
      expect(await page.getByText('What to do next:').textContent()).toBe('What to do next:');
      expect(await page.locator('main').textContent()).toContain('upload a CSV file');
      for (const theme of ['light', 'dark']) {
        if (theme === 'dark') await page.getByRole('button', { name: 'Switch to dark theme' }).click();
        await screenshot(page, `dashboard-00-new-installation-${theme}`);
        const serious = (await axeViolations(page)).filter((v) => /\((serious|critical)\)/.test(v));
        expect(serious, `accessibility (${theme})`).toEqual([]);
      }
      await page.getByRole('link', { name: 'Add a dataset' }).click();
      await page.getByRole('heading', { level: 1, name: 'Datasets' }).waitFor();
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
      await fresh.stop();
    }
  });
});
