import type { Severity } from '@dqw/shared-types';

/**
 * The demo workspace: three small CSV files with planted defects (assets/demo), rules on them, and the
 * story of the last 30 days — when each rule failed. Today's results are not written here: the loader
 * runs the rules on the files, and `failsNow` records what those real runs find (a test checks it).
 */
export interface DemoRule {
  key: string;
  name: string;
  dsl: string;
  severity: Severity;
  description: string;
  /** Days (negative offsets from today, inclusive ranges) on which the daily run failed. */
  failed: [number, number][];
  /** Days on which the run ended in ERROR (the source was unreachable). */
  errored?: number[];
  /** What the run on today's file finds (the planted defect is still in it). */
  failsNow: boolean;
  /**
   * Rows a failing run of the past reported (row-level rules; dataset-level rules fail as a whole). Past
   * failures were often bigger than today's single planted row: a broken export, a bad batch.
   */
  failingRows?: number;
}

export interface DemoDataset {
  file: string;
  name: string;
  description: string;
  sensitive: boolean;
  rules: DemoRule[];
}

/** History length in days (yesterday back to this many days ago). */
export const DEMO_DAYS = 30;
/** The daily schedule of the demo rules (UTC), and the hour of the re-run on the first day of a failure. */
export const DEMO_SCHEDULE = '0 6 * * *';
export const DEMO_RUN_HOUR = 6;
export const DEMO_RERUN_HOUR = 14;

/** Uploaded in this order (orders refers to customers by name). */
export const DEMO_DATASETS: DemoDataset[] = [
  {
    file: 'customers.csv',
    name: 'customers',
    description: 'Customer master data from the CRM export (demo).',
    sensitive: true,
    rules: [
      {
        key: 'customer-id-unique',
        name: 'Customer ids are unique',
        dsl: 'UNIQUE(customer_id)',
        severity: 'HIGH',
        description: 'Every customer appears once.',
        failed: [],
        failsNow: false,
      },
      {
        key: 'country-present',
        name: 'Every customer has a country',
        dsl: 'NOT_NULL(country)',
        severity: 'MEDIUM',
        description: 'Tax and shipping need the country. Planted: two customers without one.',
        failed: [[-3, -1]],
        failsNow: true,
        failingRows: 6,
      },
      {
        key: 'email-format',
        name: 'Customer emails are well-formed',
        dsl: "MATCHES(email, '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$')",
        severity: 'MEDIUM',
        description: 'Planted: one address with # instead of @.',
        failed: [
          [-11, -8],
          [-1, -1],
        ],
        failsNow: true,
        failingRows: 9,
      },
      {
        key: 'country-values',
        name: 'Countries are ones we ship to',
        dsl: "ACCEPTED_VALUES(country, ['DE', 'FR', 'NL', 'SE', 'ES', 'IT', 'GB', 'PL'])",
        severity: 'LOW',
        description: 'Missing countries are left to the NOT_NULL rule.',
        failed: [[-19, -19]],
        failsNow: false,
        failingRows: 6,
      },
    ],
  },
  {
    file: 'orders.csv',
    name: 'orders',
    description: 'Web shop orders, exported nightly (demo).',
    sensitive: false,
    rules: [
      {
        key: 'order-id-unique',
        name: 'Order ids are unique',
        dsl: 'UNIQUE(order_id)',
        severity: 'HIGH',
        description: 'Planted: order 1077 was exported twice.',
        failed: [
          [-20, -18],
          [-2, -1],
        ],
        failsNow: true,
        failingRows: 30,
      },
      {
        key: 'email-present',
        name: 'Orders carry a contact email',
        dsl: 'NOT_NULL(email) MOSTLY 99%',
        severity: 'MEDIUM',
        description: 'Guest checkouts may lack one; more than 1% means the form broke.',
        failed: [[-9, -7]],
        failsNow: false,
        // A broken checkout form then (today 4 of 481 lack one, under the 1%).
        failingRows: 25,
      },
      {
        key: 'status-values',
        name: 'Order status is known',
        dsl: "ACCEPTED_VALUES(status, ['new', 'paid', 'shipped', 'cancelled'])",
        severity: 'MEDIUM',
        description: 'Planted: a refund_pending status the warehouse does not know.',
        failed: [
          [-25, -24],
          [-4, -1],
        ],
        failsNow: true,
        failingRows: 12,
      },
      {
        key: 'amount-range',
        name: 'Order amounts are plausible',
        dsl: 'IN_RANGE(amount, 0, 10000)',
        severity: 'HIGH',
        description: 'Negative amounts were refunds booked as orders.',
        failed: [[-14, -13]],
        failsNow: false,
        failingRows: 40,
      },
      {
        key: 'customer-fk',
        name: 'Orders belong to known customers',
        dsl: 'FOREIGN_KEY(customer_id) REFERENCES customers(customer_id)',
        severity: 'HIGH',
        description: 'Planted: customer C999 is not in the CRM export.',
        failed: [[-6, -1]],
        errored: [-16],
        failsNow: true,
        failingRows: 20,
      },
      {
        key: 'order-count',
        name: 'The export is complete',
        dsl: 'ROW_COUNT(100, null)',
        severity: 'LOW',
        description: 'A short export means the nightly job stopped early.',
        failed: [[-22, -22]],
        failsNow: false,
      },
      {
        key: 'amount-positive',
        name: 'Only cancelled orders are free',
        dsl: "CUSTOM(amount > 0 OR status = 'cancelled')",
        severity: 'LOW',
        description: 'A zero amount on a live order is a pricing bug.',
        failed: [],
        failsNow: false,
      },
    ],
  },
  {
    file: 'products.csv',
    name: 'products',
    description: 'Product catalogue feed from the PIM (demo).',
    sensitive: false,
    rules: [
      {
        key: 'sku-unique',
        name: 'SKUs are unique',
        dsl: 'UNIQUE(sku)',
        severity: 'HIGH',
        description: 'One row per product.',
        failed: [],
        failsNow: false,
      },
      {
        key: 'price-range',
        name: 'Prices are set',
        dsl: 'IN_RANGE(price, 0.01, 5000)',
        severity: 'HIGH',
        description: 'Planted: one product priced at 0.00.',
        failed: [[-5, -1]],
        failsNow: true,
        failingRows: 4,
      },
      {
        key: 'category-present',
        name: 'Every product has a category',
        dsl: 'NOT_NULL(category)',
        severity: 'LOW',
        description: 'Navigation needs it.',
        failed: [[-27, -26]],
        failsNow: false,
        failingRows: 8,
      },
      {
        key: 'catalogue-fresh',
        name: 'The catalogue is fresh',
        dsl: "FRESHNESS(updated_at, '30d')",
        severity: 'MEDIUM',
        description: 'Planted: the PIM feed stopped; the newest change is months old.',
        failed: [[-10, -1]],
        failsNow: true,
      },
      {
        key: 'product-count',
        name: 'The catalogue is complete',
        dsl: 'ROW_COUNT(20, null)',
        severity: 'LOW',
        description: 'Fewer rows means a partial feed.',
        failed: [],
        failsNow: false,
      },
    ],
  },
];

export type HistoryOutcome = { status: 'passed' | 'failed' | 'error'; failingRows: number };

/** The outcome of a rule's run on day `offset` (negative) of the history. */
export function historyOutcome(rule: DemoRule, offset: number): HistoryOutcome {
  if (rule.errored?.includes(offset)) return { status: 'error', failingRows: 0 };
  const failing = rule.failed.some(([from, to]) => offset >= from && offset <= to);
  return failing
    ? { status: 'failed', failingRows: rule.failingRows ?? 1 }
    : { status: 'passed', failingRows: 0 };
}

/** True on the first day of a failure: someone re-ran the rule in the afternoon (it failed again). */
export function reranOn(rule: DemoRule, offset: number): boolean {
  return rule.failed.some(([from]) => from === offset);
}
