import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { RunningApi, startApi } from './support/api-server';
import { axeViolations } from './support/axe';
import { hasChromium, launchChromium, screenshot, watchForProblems } from './support/browser';
import { ROOT } from './support/paths';

const ADMIN = { email: 'admin@datasets-e2e.example.com', password: 'e2e-Datasets-passphrase-42' };
/**
 * The fixture's 240 orders (semicolon-separated; customer_email has "N/A" six times, amount four blanks)
 * repeated 120 times with new order ids: 28,800 rows, about 1.6 MB, so the upload takes long enough on a
 * throttled link to watch the progress bar move.
 */
const REPEAT = 120;
const ORDERS_CSV = ordersCsv(readFileSync(join(ROOT, 'apps/web-e2e/fixtures/orders.csv'), 'utf8'), REPEAT);

function ordersCsv(fixture: string, times: number): string {
  const [header, ...rows] = fixture.trim().split('\n');
  const out = [header];
  for (let t = 0; t < times; t++) {
    for (const row of rows) {
      const [id, ...rest] = row.split(';');
      out.push([String(Number(id) + t * 1000), ...rest].join(';'));
    }
  }
  return `${out.join('\n')}\n`;
}
const STATUS_RULE = "ACCEPTED_VALUES(status, ['new', 'cancelled', 'paid', 'shipped', 'delivered'])";

// Chromium is required on CI; on a developer machine without it the suite is skipped.
const mustRun = process.env['CI'] === 'true';

describe.skipIf(!hasChromium && !mustRun)('Datasets in Chromium', () => {
  let api: RunningApi;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let cdp: CDPSession;
  const problems: string[] = [];

  beforeAll(async () => {
    if (!hasChromium) {
      throw new Error(
        'Chromium is missing at /usr/bin/chromium (required when CI=true): apt-get install -y chromium',
      );
    }
    api = await startApi({ adminEmail: ADMIN.email, adminPassword: ADMIN.password });
    browser = await launchChromium();
    context = await browser.newContext({
      baseURL: api.url,
      viewport: { width: 1366, height: 900 },
      colorScheme: 'light',
    });
    page = await context.newPage();
    cdp = await context.newCDPSession(page);
    watchForProblems(page, problems);
  });

  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  /** Screenshot as an artifact, then WCAG 2.1 AA through axe-core on the same state. */
  async function capture(name: string, fullPage = true): Promise<void> {
    await screenshot(page, name, fullPage);
    expect(await axeViolations(page), `accessibility of ${name}`).toEqual([]);
  }

  async function captureBothThemes(name: string, fullPage = true): Promise<void> {
    await capture(`${name}-light`, fullPage);
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    expect(await page.locator('html').getAttribute('data-bs-theme')).toBe('dark');
    await capture(`${name}-dark`, fullPage);
    await page.getByRole('button', { name: 'Switch to light theme' }).click();
  }

  /** Drops a file on the drop zone the way a browser does (a DataTransfer with a File). */
  async function dropFile(name: string, text: string): Promise<void> {
    const transfer = await page.evaluateHandle(
      ({ name, text }) => {
        const dt = new DataTransfer();
        dt.items.add(new File([text], name, { type: 'text/csv' }));
        return dt;
      },
      { name, text },
    );
    const zone = page.getByTestId('file-drop');
    await zone.dispatchEvent('dragenter', { dataTransfer: transfer });
    await zone.dispatchEvent('dragover', { dataTransfer: transfer });
    await zone.dispatchEvent('drop', { dataTransfer: transfer });
  }

  it('tells a new user how to add data', async () => {
    await page.goto('/login');
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await page.getByTestId('live-indicator').getByText('Live', { exact: true }).waitFor();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Datasets' }).click();
    await page.getByRole('heading', { level: 2, name: 'No datasets yet' }).waitFor();
    expect(await page.locator('main').textContent()).toContain('Start by uploading a CSV file');
    await captureBothThemes('datasets-01-empty');
  });

  it('uploads a dropped CSV with a real progress bar, then shows how it was read', async () => {
    await page.getByRole('button', { name: 'Upload a CSV' }).click();
    const dialog = page.getByRole('dialog', { name: 'Upload a CSV' });
    await dialog.waitFor();
    await dropFile('orders.csv', ORDERS_CSV);
    expect(await dialog.getByLabel('Dataset name').inputValue()).toBe('orders');
    await dialog.getByLabel('Description').fill('Shop orders, exported nightly');

    // A slow uplink (512 KB/s) makes the 1.6 MB upload take a few seconds, so the bar can be watched.
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 20,
      downloadThroughput: -1,
      uploadThroughput: 512 * 1024,
    });
    await dialog.getByRole('button', { name: 'Upload', exact: true }).click();
    const bar = dialog.getByRole('progressbar', { name: 'Uploading orders.csv' });
    await bar.waitFor();
    const seen = new Set<number>();
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const now = await bar.getAttribute('aria-valuenow', { timeout: 1000 }).catch(() => null);
      if (now !== null) seen.add(Number(now));
      if ([...seen].some((v) => v >= 20 && v < 100)) break;
      await page.waitForTimeout(100);
    }
    await capture('datasets-02-uploading', false);
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    expect(
      [...seen].some((v) => v > 0 && v < 100),
      `progress values seen: ${[...seen]}`,
    ).toBe(true);

    const done = page.getByRole('dialog', { name: 'Check how the file was read' });
    await done.getByTestId('upload-done').waitFor();
    const doneText = (await done.getByTestId('upload-done').textContent())?.replace(/\s+/g, ' ');
    expect(doneText).toContain('28,800 rows and 6 columns were read from orders.csv');
    const format = (await done.getByTestId('csv-format').textContent())?.replace(/\s+/g, ' ') ?? '';
    expect(format).toContain('Semicolon ( ; )');
    expect(format).toContain('First line has the column names');
    expect(format).toContain('UTF-8');
    await capture('datasets-03-sniffed-format', false);
    await done.getByRole('button', { name: 'Looks right — open the dataset' }).click();
  });

  it('shows the profile of every column once profiling finishes', async () => {
    await page.getByRole('heading', { level: 1, name: 'orders' }).waitFor();
    await page.waitForURL(/\/datasets\/[0-9a-f-]{36}$/);
    // Profiling runs right after the upload; the page follows it live and fills the table.
    const emailRow = page.locator('tr[data-column="customer_email"]');
    await emailRow.getByText('email', { exact: false }).first().waitFor();
    await page.locator('tr[data-column="amount"]').getByText('480 (1.7%)').waitFor();
    expect(await page.locator('tr[data-column="order_id"]').textContent()).toContain('1,001 – 120,240');
    expect(await page.locator('tr[data-column="amount"]').getByText('Decimal').count()).toBe(1);
    // The top values draw on a canvas (Chart.js, loaded lazily) with the numbers in a hidden table.
    await page.locator('tr[data-column="status"] canvas[role="img"]').waitFor();
    expect(
      await page.locator('tr[data-column="status"] table.visually-hidden caption').textContent(),
    ).toContain('Most frequent values of status');
    // Profiling proposed N/A as a null marker.
    await page.getByTestId('marker-candidates').getByText('N/A', { exact: true }).waitFor();
    await page.getByTestId('recommendations').waitFor();
    await captureBothThemes('datasets-04-detail');
  });

  it('accepts a recommendation, and an edited one after fixing what the server underlines', async () => {
    const recs = page.getByTestId('recommendations');
    await page.getByRole('button', { name: /^Show all \d+ recommendations$/ }).click();
    await recs.getByRole('button', { name: `Accept: ${STATUS_RULE}` }).click();
    await page.getByText(`Rule created: ${STATUS_RULE}`).waitFor();
    await recs.locator(`[data-recommendation="${STATUS_RULE}"]`).waitFor({ state: 'detached' });

    const range = recs.locator('[data-recommendation="IN_RANGE(amount, 0, NULL)"]');
    await range.getByRole('button', { name: /^Edit before accepting/ }).click();
    const text = range.getByLabel('Rule text');
    await text.fill('IN_RANGE(amont, 0, 10000)');
    await range.getByRole('button', { name: /^Accept edited rule/ }).click();
    const errors = range.getByTestId('dsl-errors');
    await errors.waitFor();
    expect(await errors.textContent()).toContain("Line 1, column 10: Unknown column 'amont'");
    expect(await errors.locator('.mark').first().textContent()).toBe('amont');
    expect(await text.getAttribute('aria-invalid')).toBe('true');
    await capture('datasets-05-edited-rule-refused');

    await text.fill('IN_RANGE(amount, 0, 10000)');
    await range.getByRole('button', { name: /^Accept edited rule/ }).click();
    await page.getByText('Rule created: IN_RANGE(amount, 0, 10000)').waitFor();
    await range.waitFor({ state: 'detached' });
  });

  it('runs all rules and follows them live until the verdicts arrive', async () => {
    const run = page.getByRole('button', { name: 'Run all rules' });
    await expect.poll(() => run.isEnabled()).toBe(true);
    await run.click();
    const summary = page.getByTestId('run-summary');
    await summary.waitFor();
    expect((await summary.textContent())?.replace(/\s+/g, ' ')).toContain(
      'All 2 runs finished: 2 passed, 0 failed.',
    );
    const runs = page.getByTestId('dataset-runs');
    expect(await runs.locator('tbody tr').count()).toBe(2);
    expect(await runs.getByText('Passed').count()).toBe(2);
    await captureBothThemes('datasets-06-runs-finished');
  });

  it('reads a proposed null marker as empty, and the profile follows', async () => {
    await page.getByRole('button', { name: 'Read as empty: “N/A”' }).click();
    await page
      .getByRole('list', { name: 'Values read as empty' })
      .getByText('N/A', { exact: true })
      .waitFor();
    // The server profiles the version again; the page reloads it when the event says it is ready.
    await page.locator('tr[data-column="customer_email"]').getByText('720 (2.5%)').waitFor();
  });

  it('lists the dataset with its source, size and description', async () => {
    await page.getByRole('link', { name: 'Datasets', exact: true }).first().click();
    const row = page.locator('tr[data-dataset="orders"]');
    await row.waitFor();
    const text = (await row.textContent())?.replace(/\s+/g, ' ') ?? '';
    expect(text).toContain('CSV file');
    expect(text).toContain('28,800');
    expect(text).toContain('Shop orders, exported nightly');
    await capture('datasets-07-list');
  });

  it('shows the queues with an explanation of the embedded mode', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Queues' }).click();
    await page.getByRole('heading', { level: 1, name: 'Queues' }).waitFor();
    const ruleRuns = page.locator('tr[data-queue="rule-runs"]');
    await ruleRuns.waitFor();
    expect(await page.getByTestId('embedded-explanation').textContent()).toContain('embedded mode');
    // The two runs above were one job (one scan per dataset version).
    expect(Number(await ruleRuns.locator('td').nth(2).textContent())).toBeGreaterThanOrEqual(1);
    await captureBothThemes('datasets-08-queues');
  });

  it('had no uncaught errors or blocked scripts in the browser', () => {
    expect(problems).toEqual([]);
  });
});
