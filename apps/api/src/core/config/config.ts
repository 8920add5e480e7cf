import { isIP } from 'node:net';
import { isAbsolute, resolve } from 'node:path';
import { PASSWORD_MIN_LENGTH } from '@dqw/shared-types';
import { isCommonPassword } from './common-passwords';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
export type RunMode = 'embedded' | 'production';

export type DatabaseConfig =
  { type: 'sqlite'; path: string } | { type: 'postgres'; url: string; schema: string | null };

/** The typed configuration every other part of the API receives (never `process.env`). */
export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  /** embedded = SQLite + in-process queue; production = PostgreSQL (DATABASE_URL). */
  mode: RunMode;
  port: number;
  host: string;
  /** Absolute. */
  dataDir: string;
  database: DatabaseConfig;
  redisUrl: string | null;
  /** Absolute path of the built SPA. */
  webDistDir: string;
  admin: { email: string; password: string | null };
  /** 32-byte key from ENCRYPTION_KEY; null means "use (or create) DATA_DIR/secret.key". */
  encryptionKey: Buffer | null;
  notifications: NotificationsConfig;
  sessionTtlHours: number;
  /** 'auto' = Secure when the request came over TLS (req.secure, which honours TRUST_PROXY). */
  cookieSecure: boolean | 'auto';
  trustProxy: boolean | number | string;
  logLevel: LogLevel;
  bodyLimitBytes: number;
  login: {
    lockoutThreshold: number;
    lockoutMinutes: number;
    ipRateLimitPerMinute: number;
    accountRateLimitPerMinute: number;
  };
  /** log2 of scrypt's N. */
  passwordScryptCost: number;
  diskMinFreeMb: number;
  /** Bearer token a Prometheus scraper sends to GET /api/metrics; null = Admins only. */
  metricsToken: string | null;
  queue: {
    /** Redis key prefix of the Bull queues and the event channel. */
    prefix: string;
    /** Jobs each worker process runs at once, per queue. */
    concurrency: { 'rule-runs': number; profiling: number; notifications: number; maintenance: number };
    /** How soon a job whose worker died (SIGKILL) is handed to another worker. */
    stalledIntervalMs: number;
    enqueueTimeoutMs: number;
    /** How often the scheduler role looks for periodic work to enqueue. */
    schedulerTickMs: number;
  };
  rules: {
    /** Failing rows kept as evidence per run (0–1000). */
    evidenceRows: number;
    /** Evidence files older than this are deleted by the maintenance queue; run rows are kept. */
    evidenceRetentionDays: number;
  };
  datasets: DatasetsConfig;
  /** Load the demo workspace into an empty installation at start (WATCHTOWER_DEMO, or `--demo`). */
  demo: boolean;
}

/** Uploads, the embedded DuckDB and connections to external databases (issue 4). */
export interface DatasetsConfig {
  /** Largest CSV upload in bytes (413 beyond). */
  uploadMaxBytes: number;
  /** DuckDB `memory_limit` (it spills to DATA_DIR/tmp/duckdb beyond it), e.g. `1GB`. */
  duckdbMemoryLimit: string;
  duckdbThreads: number;
  /** Statement timeout of queries on external databases. */
  sourceQueryTimeoutMs: number;
  /** Connect timeout for external databases (a closed port or a dead host fails within it). */
  sourceConnectTimeoutMs: number;
  /** SQLite connections may only open files under this folder (absolute). */
  sqliteSourcesDir: string;
}

/** Outbound notifications (issue 6): webhooks, Slack, SMTP. */
export interface NotificationsConfig {
  /**
   * Host names, addresses or CIDR ranges that may be reached even though they are private, loopback or
   * link-local (NOTIFY_ALLOWED_HOSTS). Everything else that resolves to such an address is refused.
   */
  allowedHosts: string[];
  /** Bound of one delivery attempt (connect, send, answer). */
  timeoutMs: number;
  /** Attempts per notification before it is marked failed. */
  maxAttempts: number;
  /** First retry delay; doubles on each further attempt. */
  backoffMs: number;
  /** Base URL of the web app for links in messages (PUBLIC_URL), or null for no links. */
  publicUrl: string | null;
}

/** Thrown for a bad setting; `message` is the one line printed before exiting. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function raw(env: Env, name: string): string | undefined {
  const v = env[name];
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

function int(env: Env, name: string, def: number, min: number, max: number): number {
  const v = raw(env, name);
  if (v === undefined) return def;
  if (!/^-?\d+$/.test(v) || Number(v) < min || Number(v) > max) {
    throw new ConfigError(name, `must be an integer from ${min} to ${max} (got "${v}")`);
  }
  return Number(v);
}

function flag(env: Env, name: string): boolean {
  const v = raw(env, name);
  if (v === undefined || /^(0|false|no|off)$/i.test(v)) return false;
  if (/^(1|true|yes|on)$/i.test(v)) return true;
  throw new ConfigError(name, `must be 1 or 0 (true or false) (got "${v}")`);
}

function oneOf<T extends string>(env: Env, name: string, values: readonly T[], def: T): T {
  const v = raw(env, name);
  if (v === undefined) return def;
  const found = values.find((x) => x === v.toLowerCase());
  if (!found) throw new ConfigError(name, `must be one of ${values.join(', ')} (got "${v}")`);
  return found;
}

const UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2 };

function size(env: Env, name: string, def: string): number {
  const v = raw(env, name) ?? def;
  const m = /^(\d+)\s*(b|kb|mb)?$/i.exec(v);
  const bytes = m ? Number(m[1]) * UNITS[(m[2] ?? 'b').toLowerCase()] : NaN;
  if (!m || bytes < 1024 || bytes > 512 * 1024 ** 2) {
    throw new ConfigError(name, `must be a size from 1kb to 512mb such as 1mb or 500kb (got "${v}")`);
  }
  return bytes;
}

/** 32 bytes as base64 (44 chars) or hex (64 chars). */
export function parseKey(name: string, v: string): Buffer {
  let key: Buffer | null = null;
  if (/^[0-9a-f]{64}$/i.test(v)) key = Buffer.from(v, 'hex');
  else if (/^[A-Za-z0-9+/_-]{43}=?$/.test(v)) key = Buffer.from(v, 'base64');
  if (!key || key.length !== 32) {
    throw new ConfigError(
      name,
      'must be a 32-byte key as 64 hex characters or base64 (openssl rand -base64 32)',
    );
  }
  return key;
}

function database(env: Env, dataDir: string): DatabaseConfig {
  const url = raw(env, 'DATABASE_URL');
  const schema = raw(env, 'DATABASE_SCHEMA') ?? null;
  if (schema !== null && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new ConfigError('DATABASE_SCHEMA', `must be a lower-case identifier (got "${schema}")`);
  }
  if (url === undefined) return { type: 'sqlite', path: resolve(dataDir, 'watchtower.sqlite') };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError('DATABASE_URL', 'must be a URL such as postgres://user:password@host:5432/db');
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new ConfigError('DATABASE_URL', `must start with postgres:// (got "${parsed.protocol}//…")`);
  }
  return { type: 'postgres', url, schema };
}

function redis(env: Env): string | null {
  const url = raw(env, 'REDIS_URL');
  if (url === undefined) return null;
  try {
    const p = new URL(url);
    if (p.protocol !== 'redis:' && p.protocol !== 'rediss:') throw new Error();
  } catch {
    throw new ConfigError('REDIS_URL', 'must be a URL such as redis://host:6379');
  }
  return url;
}

function trustProxy(env: Env): boolean | number | string {
  const v = raw(env, 'TRUST_PROXY');
  if (v === undefined || /^(false|0|no)$/i.test(v)) return false;
  if (/^(true|yes)$/i.test(v)) return true;
  if (/^\d+$/.test(v)) return Number(v);
  if (/^[0-9a-f.:/, ]+$|^(loopback|linklocal|uniquelocal)(,|$)/i.test(v)) return v;
  throw new ConfigError(
    'TRUST_PROXY',
    `must be true, false, a hop count or a list of proxy addresses (got "${v}")`,
  );
}

function admin(env: Env): AppConfig['admin'] {
  const email = raw(env, 'WATCHTOWER_ADMIN_EMAIL') ?? 'admin@watchtower.local';
  if (!/^[^@\s]+@[^@\s]+$/.test(email) || email.length > 320) {
    throw new ConfigError('WATCHTOWER_ADMIN_EMAIL', `must be an email address (got "${email}")`);
  }
  // Not trimmed: spaces may be part of a password.
  const password = env['WATCHTOWER_ADMIN_PASSWORD'] || null;
  if (password !== null) {
    if (password.length < PASSWORD_MIN_LENGTH) {
      throw new ConfigError(
        'WATCHTOWER_ADMIN_PASSWORD',
        `must be at least ${PASSWORD_MIN_LENGTH} characters long`,
      );
    }
    if (isCommonPassword(password)) {
      throw new ConfigError('WATCHTOWER_ADMIN_PASSWORD', 'is a commonly used password; choose another');
    }
  }
  return { email: email.toLowerCase(), password };
}

const HOST_NAME =
  /^(?=.{1,253}$)[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62})(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62}))*\.?$/;

function notifications(env: Env): NotificationsConfig {
  const list = raw(env, 'NOTIFY_ALLOWED_HOSTS');
  const allowedHosts = list
    ? list
        .split(',')
        .map((h) => h.trim().toLowerCase())
        .filter(Boolean)
    : [];
  for (const h of allowedHosts) {
    const [addr, bits, extra] = h.split('/');
    const family = isIP(addr.replace(/^\[|\]$/g, ''));
    const okCidr =
      bits === undefined ||
      (family !== 0 && /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
    if (extra !== undefined || !okCidr || (family === 0 && (bits !== undefined || !HOST_NAME.test(addr)))) {
      throw new ConfigError(
        'NOTIFY_ALLOWED_HOSTS',
        `must be a comma-separated list of host names, IP addresses or CIDR ranges (got "${h}")`,
      );
    }
  }
  const publicUrl = raw(env, 'PUBLIC_URL') ?? null;
  if (publicUrl !== null) {
    let ok = false;
    try {
      ok = ['http:', 'https:'].includes(new URL(publicUrl).protocol);
    } catch {
      ok = false;
    }
    if (!ok)
      throw new ConfigError(
        'PUBLIC_URL',
        `must be an http(s) URL such as https://watchtower.example.com (got "${publicUrl}")`,
      );
  }
  return {
    allowedHosts,
    timeoutMs: int(env, 'NOTIFY_TIMEOUT_MS', 10_000, 100, 120_000),
    maxAttempts: int(env, 'NOTIFY_MAX_ATTEMPTS', 5, 1, 20),
    backoffMs: int(env, 'NOTIFY_BACKOFF_MS', 30_000, 10, 3_600_000),
    publicUrl: publicUrl?.replace(/\/+$/, '') ?? null,
  };
}

function metricsToken(env: Env): string | null {
  const v = raw(env, 'METRICS_TOKEN');
  if (v === undefined) return null;
  if (v.length < 24)
    throw new ConfigError('METRICS_TOKEN', 'must be at least 24 characters (openssl rand -hex 16)');
  return v;
}

function queue(env: Env): AppConfig['queue'] {
  const prefix = raw(env, 'QUEUE_PREFIX') ?? 'dqw';
  if (!/^[A-Za-z0-9_.:-]{1,64}$/.test(prefix)) {
    throw new ConfigError('QUEUE_PREFIX', `must be 1–64 letters, digits or _.:- (got "${prefix}")`);
  }
  return {
    prefix,
    concurrency: {
      'rule-runs': int(env, 'WORKER_CONCURRENCY', 2, 1, 64),
      profiling: int(env, 'PROFILING_CONCURRENCY', 1, 1, 64),
      notifications: int(env, 'NOTIFICATION_CONCURRENCY', 4, 1, 64),
      maintenance: 1,
    },
    stalledIntervalMs: int(env, 'QUEUE_STALLED_INTERVAL_MS', 30_000, 1_000, 600_000),
    enqueueTimeoutMs: int(env, 'QUEUE_ENQUEUE_TIMEOUT_MS', 5_000, 100, 60_000),
    schedulerTickMs: int(env, 'SCHEDULER_TICK_MS', 10_000, 100, 600_000),
  };
}

const BIG_UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3, tb: 1024 ** 4 };

function datasets(env: Env, dataDir: string): DatasetsConfig {
  const v = raw(env, 'UPLOAD_MAX_BYTES') ?? '2gb';
  const m = /^(\d+)\s*(b|kb|mb|gb|tb)?$/i.exec(v);
  const uploadMaxBytes = m ? Number(m[1]) * BIG_UNITS[(m[2] ?? 'b').toLowerCase()] : NaN;
  if (!m || uploadMaxBytes < 1024 || uploadMaxBytes > 16 * 1024 ** 4) {
    throw new ConfigError(
      'UPLOAD_MAX_BYTES',
      `must be a size from 1kb to 16tb such as 2gb or 500mb (got "${v}")`,
    );
  }
  const mem = raw(env, 'DUCKDB_MEMORY_LIMIT') ?? '1GB';
  if (!/^\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.test(mem)) {
    throw new ConfigError('DUCKDB_MEMORY_LIMIT', `must be a size such as 1GB or 512MiB (got "${mem}")`);
  }
  const dir = raw(env, 'SQLITE_SOURCES_DIR') ?? 'sources';
  return {
    uploadMaxBytes,
    duckdbMemoryLimit: mem,
    duckdbThreads: int(env, 'DUCKDB_THREADS', 2, 1, 256),
    sourceQueryTimeoutMs: int(env, 'SOURCE_QUERY_TIMEOUT_MS', 600_000, 1_000, 86_400_000),
    sourceConnectTimeoutMs: int(env, 'SOURCE_CONNECT_TIMEOUT_MS', 5_000, 100, 120_000),
    sqliteSourcesDir: isAbsolute(dir) ? dir : resolve(dataDir, dir),
  };
}

/**
 * Reads and validates every setting once. Throws ConfigError naming the first bad variable.
 * `cwd` anchors relative paths (DATA_DIR, WEB_DIST_DIR).
 */
export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): AppConfig {
  const nodeEnv = oneOf(env, 'NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  const port = int(env, 'PORT', 3000, 1, 65535);
  const host = raw(env, 'HOST') ?? '0.0.0.0';
  if (!/^[A-Za-z0-9.:[\]-]+$/.test(host))
    throw new ConfigError('HOST', `must be a host name or address (got "${host}")`);
  const dataDirRaw = raw(env, 'DATA_DIR') ?? './data';
  const dataDir = isAbsolute(dataDirRaw) ? dataDirRaw : resolve(cwd, dataDirRaw);
  const db = database(env, dataDir);
  const mode: RunMode = db.type === 'postgres' ? 'production' : 'embedded';
  const keyRaw = raw(env, 'ENCRYPTION_KEY');
  const encryptionKey = keyRaw === undefined ? null : parseKey('ENCRYPTION_KEY', keyRaw);
  if (mode === 'production' && encryptionKey === null) {
    throw new ConfigError(
      'ENCRYPTION_KEY',
      'is required when DATABASE_URL points at PostgreSQL (openssl rand -base64 32)',
    );
  }
  const webRaw = raw(env, 'WEB_DIST_DIR') ?? 'dist/apps/web/browser';
  const cookie = oneOf(env, 'COOKIE_SECURE', ['auto', 'true', 'false'] as const, 'auto');
  const lockoutThreshold = int(env, 'LOGIN_LOCKOUT_THRESHOLD', 10, 1, 1000);
  return {
    nodeEnv,
    mode,
    port,
    host,
    dataDir,
    database: db,
    redisUrl: redis(env),
    webDistDir: isAbsolute(webRaw) ? webRaw : resolve(cwd, webRaw),
    admin: admin(env),
    encryptionKey,
    notifications: notifications(env),
    sessionTtlHours: int(env, 'SESSION_TTL_HOURS', 12, 1, 24 * 90),
    cookieSecure: cookie === 'auto' ? 'auto' : cookie === 'true',
    trustProxy: trustProxy(env),
    logLevel: oneOf(
      env,
      'LOG_LEVEL',
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const,
      'info',
    ),
    bodyLimitBytes: size(env, 'BODY_LIMIT', '1mb'),
    login: {
      lockoutThreshold,
      lockoutMinutes: int(env, 'LOGIN_LOCKOUT_MINUTES', 15, 1, 24 * 60),
      ipRateLimitPerMinute: int(env, 'LOGIN_RATE_LIMIT_PER_IP', 30, 1, 100_000),
      accountRateLimitPerMinute: int(env, 'LOGIN_RATE_LIMIT_PER_ACCOUNT', 20, 1, 100_000),
    },
    passwordScryptCost: int(env, 'PASSWORD_SCRYPT_COST', 15, 10, 20),
    diskMinFreeMb: int(env, 'DISK_MIN_FREE_MB', 512, 0, 10_000_000),
    queue: queue(env),
    metricsToken: metricsToken(env),
    rules: {
      evidenceRows: int(env, 'EVIDENCE_ROWS', 20, 0, 1000),
      evidenceRetentionDays: int(env, 'EVIDENCE_RETENTION_DAYS', 90, 1, 36_500),
    },
    datasets: datasets(env, dataDir),
    demo: flag(env, 'WATCHTOWER_DEMO'),
  };
}
