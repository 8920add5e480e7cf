export const DEFAULT_HOME = '/dashboard';

/**
 * Only in-app paths are accepted as a place to return to after sign-in; anything else (another
 * origin, `//host`, `javascript:`, the login page itself) falls back to the dashboard.
 */
export function safeReturnUrl(candidate: unknown): string {
  if (typeof candidate !== 'string') return DEFAULT_HOME;
  const url = candidate.trim();
  if (!url.startsWith('/') || url.startsWith('//') || url.startsWith('/\\')) return DEFAULT_HOME;
  if (url === '/login' || url.startsWith('/login?') || url.startsWith('/login/')) return DEFAULT_HOME;
  return url;
}
