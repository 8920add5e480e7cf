import { ConfigError, loadConfig } from './config';

const base = { DATA_DIR: '/tmp/dqw-config-spec' };

function problem(env: Record<string, string>): string {
  try {
    loadConfig({ ...base, ...env }, '/srv');
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('needs nothing for embedded mode and fills in the defaults', () => {
    const c = loadConfig({}, '/srv');
    expect(c).toMatchObject({
      mode: 'embedded',
      port: 3000,
      host: '0.0.0.0',
      dataDir: '/srv/data',
      database: { type: 'sqlite', path: '/srv/data/watchtower.sqlite' },
      redisUrl: null,
      webDistDir: '/srv/dist/apps/web/browser',
      admin: { email: 'admin@watchtower.local', password: null },
      encryptionKey: null,
      cookieSecure: 'auto',
      trustProxy: false,
      logLevel: 'info',
      bodyLimitBytes: 1024 * 1024,
      login: { lockoutThreshold: 10, lockoutMinutes: 15 },
    });
  });

  it('switches to production mode for a PostgreSQL URL and then requires ENCRYPTION_KEY', () => {
    expect(problem({ DATABASE_URL: 'postgres://u:p@db:5432/w' })).toMatch(/^ENCRYPTION_KEY is required/);
    const key = Buffer.alloc(32, 1);
    for (const encoded of [key.toString('base64'), key.toString('hex')]) {
      const c = loadConfig({
        DATABASE_URL: 'postgresql://u:p@db/w',
        ENCRYPTION_KEY: encoded,
        DATABASE_SCHEMA: 'dqw',
      });
      expect(c.mode).toBe('production');
      expect(c.database).toEqual({ type: 'postgres', url: 'postgresql://u:p@db/w', schema: 'dqw' });
      expect(c.encryptionKey?.equals(key)).toBe(true);
    }
  });

  it.each([
    [{ PORT: 'abc' }, /^PORT must be an integer from 1 to 65535 \(got "abc"\)$/],
    [{ PORT: '70000' }, /^PORT must be an integer/],
    [{ HOST: 'bad host!' }, /^HOST must be/],
    [{ DATABASE_URL: 'mysql://x@y/z' }, /^DATABASE_URL must start with postgres:\/\//],
    [{ DATABASE_URL: 'not a url' }, /^DATABASE_URL must be a URL/],
    [{ DATABASE_SCHEMA: 'Robert; DROP' }, /^DATABASE_SCHEMA must be a lower-case identifier/],
    [{ REDIS_URL: 'http://x' }, /^REDIS_URL must be a URL such as redis:\/\//],
    [{ ENCRYPTION_KEY: 'short' }, /^ENCRYPTION_KEY must be a 32-byte key/],
    [{ WATCHTOWER_ADMIN_EMAIL: 'nope' }, /^WATCHTOWER_ADMIN_EMAIL must be an email address/],
    [{ WATCHTOWER_ADMIN_PASSWORD: 'short' }, /^WATCHTOWER_ADMIN_PASSWORD must be at least 12 characters/],
    [{ WATCHTOWER_ADMIN_PASSWORD: 'password1234' }, /^WATCHTOWER_ADMIN_PASSWORD is a commonly used password/],
    [{ SESSION_TTL_HOURS: '0' }, /^SESSION_TTL_HOURS must be an integer/],
    [{ COOKIE_SECURE: 'maybe' }, /^COOKIE_SECURE must be one of auto, true, false/],
    [{ TRUST_PROXY: 'everyone!' }, /^TRUST_PROXY must be/],
    [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent/],
    [{ BODY_LIMIT: '10gb' }, /^BODY_LIMIT must be a size/],
    [{ LOGIN_LOCKOUT_THRESHOLD: '-1' }, /^LOGIN_LOCKOUT_THRESHOLD must be an integer/],
    [{ LOGIN_LOCKOUT_MINUTES: 'ten' }, /^LOGIN_LOCKOUT_MINUTES must be an integer/],
    [{ NODE_ENV: 'staging' }, /^NODE_ENV must be one of development, production, test/],
    [{ PASSWORD_SCRYPT_COST: '30' }, /^PASSWORD_SCRYPT_COST must be an integer from 10 to 20/],
  ])('names the variable and the problem: %o', (env, message) => {
    const m = problem(env);
    expect(m).toMatch(message);
    expect(m).not.toContain('\n');
  });

  it('parses sizes, proxies and booleans', () => {
    const c = loadConfig({
      BODY_LIMIT: '512kb',
      TRUST_PROXY: '1',
      COOKIE_SECURE: 'true',
      LOG_LEVEL: 'DEBUG',
    });
    expect(c).toMatchObject({
      bodyLimitBytes: 512 * 1024,
      trustProxy: 1,
      cookieSecure: true,
      logLevel: 'debug',
    });
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toBe('loopback, 10.0.0.0/8');
  });
});
