import type {
  CreatedNotificationChannelDto,
  CreatedTokenResponse,
  Paged,
  RuleDetailDto,
  RunDto,
} from '@dqw/shared-types';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { RunningApi, freePort, startApi } from './support/api-server';
import { axeViolations } from './support/axe';
import { hasChromium, launchChromium, screenshot, watchForProblems } from './support/browser';
import {
  WebhookReceiver,
  call,
  createRule,
  runUntilIncidents,
  startReceiver,
} from './support/incidents-setup';
import { apiSignIn, uploadCsv } from './support/rules-setup';

/**
 * Every page of the SPA (the dashboard has its own spec) with real data behind it, in the light and the
 * dark theme, on a laptop and on a 375 px phone: axe finds no WCAG 2.1 AA violation (contrast included),
 * the phone page never scrolls sideways, and a screenshot of each is kept in test-results/screenshots.
 */
const ADMIN = { email: 'admin@pages-e2e.example.com', password: 'e2e-Pages-passphrase-42' };
const ANALYST = { email: 'analyst@pages-e2e.example.com', password: 'e2e-Analyst-passphrase-7' };

/** Orders with planted defects: rows 2 and 5 have no email. */
const ORDERS_CSV = [
  'order_id,email,amount,status',
  '1,a@example.com,10,paid',
  '2,,15,paid',
  '3,c@example.com,50,new',
  '4,d@example.com,20,shipped',
  '5,,30,paid',
  '6,f@example.com,12,new',
].join('\n');

interface Ids {
  dataset: string;
  rule: string;
  run: string;
  incident: string;
  channel: string;
}

interface PageCase {
  name: string;
  path: (ids: Ids) => string;
  /** The page's level-1 heading once its data is there. */
  heading: string | RegExp;
  /** Brings the page into the state worth checking (e.g. opens a dialog); the page is loaded. */
  then?: (page: Page) => Promise<void>;
}

/** Loading indicators are gone: the page shows its data (or its empty state), not a skeleton. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () => !document.querySelector('[aria-busy="true"], .spinner-border, .placeholder-glow'),
    undefined,
    { timeout: 30_000 },
  );
}

/** Opens the dialog behind a button; the check then covers the dialog over its page. */
async function openDialog(page: Page, button: string): Promise<void> {
  await page.getByRole('button', { name: button, exact: true }).first().click();
  await page.getByRole('dialog').waitFor();
}

const PAGES: PageCase[] = [
  { name: 'datasets', path: () => '/datasets', heading: 'Datasets' },
  {
    name: 'datasets-upload',
    path: () => '/datasets',
    heading: 'Datasets',
    then: (page) => openDialog(page, 'Upload CSV'),
  },
  {
    name: 'datasets-connect',
    path: () => '/datasets',
    heading: 'Datasets',
    then: (page) => openDialog(page, 'Connect a database'),
  },
  { name: 'dataset-detail', path: (ids) => `/datasets/${ids.dataset}`, heading: 'orders' },
  { name: 'rules', path: () => '/rules', heading: 'Rules' },
  { name: 'rule-new', path: () => '/rules/new', heading: 'New rule' },
  { name: 'rule-editor', path: (ids) => `/rules/${ids.rule}`, heading: 'Emails present' },
  { name: 'runs', path: () => '/runs', heading: 'Runs' },
  { name: 'run-detail', path: (ids) => `/runs/${ids.run}`, heading: 'Run of Emails present' },
  { name: 'incidents', path: () => '/incidents', heading: 'Incidents' },
  {
    name: 'incident-detail',
    path: (ids) => `/incidents/${ids.incident}`,
    heading: 'Emails present is failing',
  },
  {
    name: 'incident-mute',
    path: (ids) => `/incidents/${ids.incident}`,
    heading: 'Emails present is failing',
    then: (page) => openDialog(page, 'Mute…'),
  },
  {
    name: 'incident-resolve',
    path: (ids) => `/incidents/${ids.incident}`,
    heading: 'Emails present is failing',
    then: (page) => openDialog(page, 'Resolve…'),
  },
  { name: 'settings-sla', path: () => '/settings/sla', heading: 'Settings' },
  { name: 'settings-channels', path: () => '/settings/channels', heading: 'Settings' },
  {
    name: 'settings-channel-new',
    path: () => '/settings/channels',
    heading: 'Settings',
    then: (page) => openDialog(page, 'New channel'),
  },
  { name: 'settings-deliveries', path: (ids) => `/settings/channels/${ids.channel}`, heading: 'Settings' },
  { name: 'users', path: () => '/users', heading: 'Users' },
  {
    name: 'users-new',
    path: () => '/users',
    heading: 'Users',
    then: (page) => openDialog(page, 'New user'),
  },
  { name: 'tokens', path: () => '/tokens', heading: 'API tokens' },
  { name: 'audit', path: () => '/audit', heading: 'Audit log' },
  { name: 'queues', path: () => '/queues', heading: 'Queues' },
  { name: 'not-found', path: () => '/no-such-page', heading: 'Page not found' },
  { name: 'forbidden', path: () => '/forbidden', heading: 'No access' },
];

const VIEWS = [
  { name: 'light', theme: 'light', viewport: { width: 1366, height: 900 } },
  { name: 'dark', theme: 'dark', viewport: { width: 1366, height: 900 } },
  { name: 'phone-light', theme: 'light', viewport: { width: 375, height: 812 } },
  { name: 'phone-dark', theme: 'dark', viewport: { width: 375, height: 812 } },
] as const;

// Chromium is required on CI; on a developer machine without it the suite is skipped.
const mustRun = process.env['CI'] === 'true';

describe.skipIf(!hasChromium && !mustRun)('Every page in both themes, on a laptop and a phone', () => {
  let api: RunningApi;
  let receiver: WebhookReceiver;
  let browser: Browser;
  const ids: Ids = { dataset: '', rule: '', run: '', incident: '', channel: '' };
  const problems: string[] = [];

  beforeAll(async () => {
    if (!hasChromium) {
      throw new Error(
        'Chromium is missing at /usr/bin/chromium (required when CI=true): apt-get install -y chromium',
      );
    }
    receiver = await startReceiver(await freePort());
    api = await startApi({
      adminEmail: ADMIN.email,
      adminPassword: ADMIN.password,
      env: { NOTIFY_ALLOWED_HOSTS: '127.0.0.1' },
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await api?.stop();
    await receiver?.close();
  });

  async function signIn(page: Page, who: { email: string; password: string } = ADMIN): Promise<void> {
    await page.goto('/login');
    await page.getByLabel('Email').fill(who.email);
    await page.getByLabel('Password').fill(who.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/dashboard');
  }

  describe('a new installation', () => {
    const EMPTY = [
      { path: '/datasets', heading: 'No datasets yet' },
      { path: '/rules', heading: 'No rules yet' },
      { path: '/runs', heading: 'No runs yet' },
      { path: '/incidents', heading: 'No open incidents' },
      { path: '/settings/channels', heading: 'No channels yet' },
      { path: '/tokens', heading: 'No tokens yet' },
    ];

    it.each(['light', 'dark'] as const)('says what to do next on every empty list (%s)', async (theme) => {
      const context = await browser.newContext({
        baseURL: api.url,
        viewport: VIEWS[0].viewport,
        colorScheme: theme,
      });
      try {
        const page = await context.newPage();
        watchForProblems(page, problems);
        await signIn(page);
        for (const entry of EMPTY) {
          await page.goto(entry.path);
          const empty = page.locator('dqw-empty-state').getByRole('heading', { name: entry.heading });
          await empty.waitFor();
          // Each empty state offers a next step (a button or link) or explains who adds the data.
          expect(
            (await page.locator('dqw-empty-state p').first().textContent())?.trim().length,
          ).toBeGreaterThan(20);
          const name = `pages-empty${entry.path.replace(/\//g, '-')}-${theme}`;
          await screenshot(page, name);
          expect(await axeViolations(page), `accessibility of ${name}`).toEqual([]);
        }
      } finally {
        await context.close();
      }
    });
  });

  describe('a link to something that does not exist', () => {
    const MISSING = '00000000-0000-4000-8000-000000000000';
    const CASES = [
      { path: `/datasets/${MISSING}`, heading: 'Dataset', back: 'Back to the datasets' },
      { path: `/rules/${MISSING}`, heading: 'Rule', back: 'All rules', says: 'No such rule' },
      { path: `/runs/${MISSING}`, heading: 'Run', back: 'All runs', says: 'No such run' },
      { path: `/incidents/${MISSING}`, heading: 'Incident', back: 'All incidents', says: 'No such incident' },
    ];

    it('says so in words, with a way back, in both themes', async () => {
      for (const theme of ['light', 'dark'] as const) {
        const context = await browser.newContext({
          baseURL: api.url,
          viewport: VIEWS[0].viewport,
          colorScheme: theme,
        });
        try {
          const page = await context.newPage();
          watchForProblems(page, problems);
          await signIn(page);
          for (const entry of CASES) {
            await page.goto(entry.path);
            const main = page.locator('main');
            // The way back comes with the answer; the heading may already be the loading skeleton's.
            await main.getByRole('link', { name: entry.back }).waitFor();
            if (entry.says) {
              await main.getByText(entry.says).waitFor();
              // Nothing to retry when it does not exist.
              expect(await main.getByRole('button', { name: 'Try again' }).count()).toBe(0);
            }
            await page.getByRole('heading', { level: 1, name: entry.heading, exact: true }).waitFor();
            // Friendly: a sentence, never a status code or a stack.
            expect(await main.textContent()).not.toMatch(/\b(404|Not Found|HttpErrorResponse|undefined)\b/);
            const name = `pages-missing${entry.path.split('/')[1]}-${theme}`;
            await screenshot(page, name.replace('missing', 'missing-'));
            expect(await axeViolations(page), `accessibility of ${name}`).toEqual([]);
          }
        } finally {
          await context.close();
        }
      }
    });
  });

  describe('with data', () => {
    beforeAll(async () => {
      const session = await apiSignIn(api.url, ADMIN.email, ADMIN.password);
      ids.dataset = (await uploadCsv(api.url, session, 'orders', ORDERS_CSV)).id;
      const rule: RuleDetailDto = await createRule(api.url, session, {
        datasetId: ids.dataset,
        name: 'Emails present',
        dsl: 'NOT_NULL(email)',
        severity: 'HIGH',
      });
      ids.rule = rule.id;
      await createRule(api.url, session, {
        datasetId: ids.dataset,
        name: 'Amounts positive',
        dsl: 'IN_RANGE(amount, 0, 10000)',
        severity: 'LOW',
      });
      ids.incident = (await runUntilIncidents(api.url, session, ids.dataset, 1)).items[0].id;
      const runs = await call<Paged<RunDto>>(api.url, session, 'GET', `/api/runs?ruleId=${rule.id}`);
      ids.run = runs.items[0].id;
      const channel = await call<CreatedNotificationChannelDto>(
        api.url,
        session,
        'POST',
        '/api/notification-channels',
        { name: 'Data team hook', type: 'webhook', url: `${receiver.url}/hook` },
      );
      ids.channel = channel.id;
      await call(api.url, session, 'POST', `/api/notification-channels/${channel.id}/test`);
      await call(api.url, session, 'POST', '/api/users', {
        ...ANALYST,
        displayName: 'Ana Lyst',
        role: 'Analyst',
      });
      await call<CreatedTokenResponse>(api.url, session, 'POST', '/api/auth/tokens', {
        name: 'nightly export',
      });
    });

    describe.each(VIEWS)('$name', (view) => {
      let context: BrowserContext;
      let page: Page;

      beforeAll(async () => {
        // No theme is remembered in a fresh context, so the system preference picks it.
        context = await browser.newContext({
          baseURL: api.url,
          viewport: view.viewport,
          colorScheme: view.theme,
        });
        page = await context.newPage();
        watchForProblems(page, problems);
      });

      afterAll(async () => {
        await context?.close();
      });

      /** Theme, no sideways scrolling on a phone, screenshot, then axe on the same state. */
      async function check(name: string): Promise<void> {
        expect(await page.locator('html').getAttribute('data-bs-theme')).toBe(view.theme);
        const width = await page.evaluate(() => ({
          page: document.documentElement.scrollWidth,
          window: window.innerWidth,
        }));
        expect(width.page, `${name} is wider than the ${view.viewport.width} px screen`).toBeLessThanOrEqual(
          width.window,
        );
        await screenshot(page, `pages-${name}-${view.name}`);
        expect(await axeViolations(page), `accessibility of ${name} (${view.name})`).toEqual([]);
      }

      it('login', async () => {
        await page.goto('/login');
        await page.getByRole('heading', { level: 1, name: 'Sign in to Watchtower' }).waitFor();
        await check('login');
        await page.getByLabel('Email').fill(ADMIN.email);
        await page.getByLabel('Password').fill(ADMIN.password);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.waitForURL('**/dashboard');
      });

      it.each(PAGES)('$name', async (entry) => {
        await page.goto(entry.path(ids));
        await page.getByRole('heading', { level: 1, name: entry.heading }).waitFor();
        await settled(page);
        await entry.then?.(page);
        await check(entry.name);
      });
    });

    it.each(['light', 'dark'] as const)(
      'shows an Analyst the same pages read-only, without the actions they may not take (%s)',
      async (theme) => {
        const context = await browser.newContext({
          baseURL: api.url,
          viewport: VIEWS[0].viewport,
          colorScheme: theme,
        });
        try {
          const page = await context.newPage();
          watchForProblems(page, problems);
          await signIn(page, ANALYST);
          const visits = [
            { name: 'datasets', path: '/datasets', heading: 'Datasets', absent: 'Upload CSV' },
            {
              name: 'dataset-detail',
              path: `/datasets/${ids.dataset}`,
              heading: 'orders',
              absent: 'Run all rules',
            },
            {
              name: 'rule-editor',
              path: `/rules/${ids.rule}`,
              heading: 'Emails present',
              absent: 'Save changes',
            },
            {
              name: 'incidents',
              path: '/incidents',
              heading: 'Incidents',
              absent: 'Select every incident on this page',
            },
            {
              name: 'incident-detail',
              path: `/incidents/${ids.incident}`,
              heading: 'Emails present is failing',
              absent: 'Resolve…',
            },
            { name: 'settings', path: '/settings', heading: 'No access', absent: 'Save targets' },
          ];
          for (const visit of visits) {
            await page.goto(visit.path);
            await page.getByRole('heading', { level: 1, name: visit.heading }).waitFor();
            await settled(page);
            expect(await page.getByRole('button', { name: visit.absent }).count(), visit.path).toBe(0);
            expect(await page.getByRole('checkbox', { name: visit.absent }).count(), visit.path).toBe(0);
            const name = `pages-analyst-${visit.name}-${theme}`;
            await screenshot(page, name);
            expect(await axeViolations(page), `accessibility of ${name}`).toEqual([]);
          }
        } finally {
          await context.close();
        }
      },
    );

    it('shows a skeleton while a page loads, then the page in its place', async () => {
      const context = await browser.newContext({ baseURL: api.url, viewport: VIEWS[0].viewport });
      try {
        const page = await context.newPage();
        watchForProblems(page, problems);
        await signIn(page);
        // Hold the incident's answer back until the skeleton has been seen.
        let release = () => undefined as void;
        const held = new Promise<void>((resolve) => (release = resolve));
        await page.route(
          (url) => url.pathname === `/api/incidents/${ids.incident}`,
          async (route) => {
            await held;
            await route.continue();
          },
        );
        await page.goto(`/incidents/${ids.incident}`);
        const skeleton = page.getByRole('status').filter({ hasText: 'Loading the incident…' });
        await skeleton.waitFor();
        await screenshot(page, 'pages-incident-detail-loading');
        expect(await axeViolations(page), 'accessibility of the loading skeleton').toEqual([]);
        release();
        await page.getByRole('heading', { level: 1, name: 'Emails present is failing' }).waitFor();
        expect(await skeleton.count()).toBe(0);
      } finally {
        await context.close();
      }
    });
  });

  it('had no uncaught errors or blocked scripts in the browser', () => {
    expect(problems).toEqual([]);
  });
});
