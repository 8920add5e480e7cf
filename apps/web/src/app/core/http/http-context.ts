import { HttpContext, HttpContextToken } from '@angular/common/http';

/**
 * Set on a request whose caller shows errors itself (inline in a form); the interceptor then
 * doesn't raise a toast for it. Session expiry (401) is still handled globally.
 */
export const SHOW_ERRORS_INLINE = new HttpContextToken<boolean>(() => false);

export function inlineErrors(): HttpContext {
  return new HttpContext().set(SHOW_ERRORS_INLINE, true);
}
