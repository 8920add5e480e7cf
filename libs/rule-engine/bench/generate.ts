/**
 * Seeded generator of the benchmark's data: an orders CSV (8 columns, quoted notes with commas and
 * doubled quotes, now and then a newline) with planted defects, and a customers CSV. It counts what
 * it plants, so the benchmark can check every back end found exactly that.
 */
import { closeSync, existsSync, openSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';

/** mulberry32: small, fast and good enough for test data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const STATUSES = ['new', 'paid', 'shipped', 'cancelled', 'refunded'] as const;
const COUNTRIES = ['DE', 'FR', 'US', 'GB', 'NL', 'ES', 'IT', 'PL', 'SE', 'BR', 'IN', 'JP', 'CA', 'AU', 'MX'];
const NOTES = [
  '"Leave at the door, call ""Bob"" first"',
  '"Fragile, handle with care"',
  '"Gift wrap, card says ""Happy birthday!"""',
  '"Deliver after 5pm, not before"',
  'no note',
];

/** What the generator planted: the failing row count each of the seven rules must report. */
export interface Planted {
  rows: number;
  customers: number;
  notNullEmail: number;
  uniqueOrderId: number;
  inRangeAmount: number;
  matchesEmail: number;
  foreignKeyCustomer: number;
  acceptedStatus: number;
  customAmountOrCancelled: number;
}

export interface Generated {
  ordersPath: string;
  customersPath: string;
  planted: Planted;
  reused: boolean;
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

/** Writes (or reuses, when the same rows/seed were generated before) the two files under `dir`. */
export function generate(dir: string, rows: number, customers: number, seed: number): Generated {
  const ordersPath = `${dir}/orders_${rows}_${seed}.csv`;
  const customersPath = `${dir}/customers_${customers}_${seed}.csv`;
  const plantedPath = `${ordersPath}.planted.json`;
  if (
    existsSync(ordersPath) &&
    existsSync(customersPath) &&
    existsSync(plantedPath) &&
    statSync(ordersPath).size > 0
  ) {
    return {
      ordersPath,
      customersPath,
      planted: JSON.parse(readFileSync(plantedPath, 'utf8')) as Planted,
      reused: true,
    };
  }
  const rand = prng(seed);
  const planted: Planted = {
    rows,
    customers,
    notNullEmail: 0,
    uniqueOrderId: 0,
    inRangeAmount: 0,
    matchesEmail: 0,
    foreignKeyCustomer: 0,
    acceptedStatus: 0,
    customAmountOrCancelled: 0,
  };

  const cfd = openSync(customersPath, 'w');
  let buf = 'customer_id,name,email,country,since\n';
  for (let c = 1; c <= customers; c++) {
    buf += `${c},Customer ${c},user${c}@example.com,${COUNTRIES[c % COUNTRIES.length]},2023-${pad(1 + (c % 12))}-${pad(1 + (c % 28))}\n`;
    if (buf.length > 1 << 20) {
      writeSync(cfd, buf);
      buf = '';
    }
  }
  writeSync(cfd, buf);
  closeSync(cfd);

  const fd = openSync(ordersPath, 'w');
  buf = 'order_id,customer_id,email,amount,status,created_at,country,note\n';
  const start = Date.UTC(2024, 0, 1);
  for (let k = 1; k <= rows; k++) {
    // Every 10,000th order repeats the previous id: both rows fail UNIQUE.
    const orderId = k % 10000 === 0 ? k - 1 : k;
    if (k % 10000 === 0) planted.uniqueOrderId += 2;

    let customer = '';
    let email: string;
    const rc = rand();
    const known = 1 + Math.floor(rand() * customers);
    if (rc < 0.001) {
      customer = String(customers + 1 + Math.floor(rand() * 1000));
      planted.foreignKeyCustomer++;
    } else if (rc >= 0.001 && rc < 0.002) {
      customer = '';
    } else {
      customer = String(known);
    }
    const re = rand();
    if (re < 0.005) {
      email = '';
      planted.notNullEmail++;
    } else if (re < 0.007) {
      email = `user${known} at example.com`;
      planted.matchesEmail++;
    } else {
      email = `user${known}@example.com`;
    }

    const ra = rand();
    let amount: string;
    let amountValue: number | null;
    if (ra < 0.001) {
      amount = `-${(1 + rand() * 99).toFixed(2)}`;
      amountValue = Number(amount);
    } else if (ra < 0.0015) {
      amount = 'N/A';
      amountValue = null;
    } else if (ra < 0.002) {
      amount = (10000 + 1 + rand() * 5000).toFixed(2);
      amountValue = Number(amount);
    } else {
      amount = (rand() * 500).toFixed(2);
      amountValue = Number(amount);
    }
    if (amountValue === null || amountValue < 0 || amountValue > 10000) planted.inRangeAmount++;

    const rs = rand();
    const status = rs < 0.001 ? 'unknown' : STATUSES[Math.floor(rand() * STATUSES.length)];
    if (status === 'unknown') planted.acceptedStatus++;
    // CUSTOM(amount > 0 OR status = 'cancelled') fails when both sides are false (null passes).
    if (amountValue !== null && !(amountValue > 0) && status !== 'cancelled')
      planted.customAmountOrCancelled++;

    const t = new Date(start + Math.floor(rand() * 180 * 86400) * 1000);
    const created = `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}T${pad(t.getUTCHours())}:${pad(
      t.getUTCMinutes(),
    )}:${pad(t.getUTCSeconds())}Z`;
    const country = COUNTRIES[Math.floor(rand() * COUNTRIES.length)];
    const rn = rand();
    const note =
      rn < 0.3
        ? ''
        : rn < 0.301
          ? '"Line one\nline two, with a comma"'
          : NOTES[Math.floor(rand() * NOTES.length)];
    buf += `${orderId},${customer},${email},${amount},${status},${created},${country},${note}\n`;
    if (buf.length > 1 << 22) {
      writeSync(fd, buf);
      buf = '';
    }
  }
  writeSync(fd, buf);
  closeSync(fd);
  writeFileSync(plantedPath, JSON.stringify(planted));
  return { ordersPath, customersPath, planted, reused: false };
}
