import { loadConfig } from '../../../core/config/config';

const load = (env: Record<string, string>) => loadConfig({ DATA_DIR: '/tmp/dqw-notify-config', ...env }, '/');

describe('notification settings', () => {
  it('defaults to no allow-list, 10 s timeout, 5 attempts from 30 s, no links', () => {
    expect(load({}).notifications).toEqual({
      allowedHosts: [],
      timeoutMs: 10_000,
      maxAttempts: 5,
      backoffMs: 30_000,
      publicUrl: null,
    });
  });

  it('reads the allow-list of host names, addresses and ranges', () => {
    const c = load({
      NOTIFY_ALLOWED_HOSTS: ' 127.0.0.1, Hooks.Internal ,10.0.0.0/8,fd00::/8,[::1]',
      PUBLIC_URL: 'https://watchtower.example.com/',
    });
    expect(c.notifications.allowedHosts).toEqual([
      '127.0.0.1',
      'hooks.internal',
      '10.0.0.0/8',
      'fd00::/8',
      '[::1]',
    ]);
    expect(c.notifications.publicUrl).toBe('https://watchtower.example.com');
  });

  it.each([
    ['NOTIFY_ALLOWED_HOSTS', 'http://x', 'NOTIFY_ALLOWED_HOSTS must be a comma-separated list'],
    ['NOTIFY_ALLOWED_HOSTS', '10.0.0.0/33', 'NOTIFY_ALLOWED_HOSTS must be a comma-separated list'],
    ['NOTIFY_ALLOWED_HOSTS', 'example.com/8', 'NOTIFY_ALLOWED_HOSTS must be a comma-separated list'],
    ['NOTIFY_TIMEOUT_MS', '5', 'NOTIFY_TIMEOUT_MS must be an integer from 100 to 120000'],
    ['NOTIFY_MAX_ATTEMPTS', '0', 'NOTIFY_MAX_ATTEMPTS must be an integer from 1 to 20'],
    ['NOTIFY_BACKOFF_MS', 'soon', 'NOTIFY_BACKOFF_MS must be an integer'],
    ['PUBLIC_URL', 'ftp://x', 'PUBLIC_URL must be an http(s) URL'],
  ])('refuses %s=%s naming the variable', (name, value, message) => {
    expect(() => load({ [name]: value })).toThrow(message);
  });
});
