import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../core/config/config';
import { InjectConfig } from '../../core/config/config.module';
import { TooManyRequestsError } from '../../core/http/domain-errors';

const WINDOW_MS = 60_000;

/**
 * Fixed one-minute windows per client IP and per attempted email (existing or not, so the answer
 * reveals nothing). In memory: each API process limits on its own; the per-account lockout stored in
 * the database is what holds across processes.
 */
@Injectable()
export class LoginLimiter {
  private readonly hits = new Map<string, { count: number; resetAt: number }>();

  constructor(@InjectConfig() private readonly config: AppConfig) {}

  /** Counts one attempt; throws 429 when the IP or the account is over its limit. */
  check(ip: string | null, email: string, now = Date.now()): void {
    this.prune(now);
    const checks: [string, number][] = [
      [`ip:${ip ?? 'unknown'}`, this.config.login.ipRateLimitPerMinute],
      [`acct:${email.toLowerCase()}`, this.config.login.accountRateLimitPerMinute],
    ];
    for (const [key, limit] of checks) {
      const w = this.hits.get(key);
      const entry = w && w.resetAt > now ? w : { count: 0, resetAt: now + WINDOW_MS };
      entry.count += 1;
      this.hits.set(key, entry);
      if (entry.count > limit) {
        throw new TooManyRequestsError(
          'Too many sign-in attempts; try again later',
          Math.ceil((entry.resetAt - now) / 1000),
        );
      }
    }
  }

  private prune(now: number): void {
    if (this.hits.size < 10_000) return;
    for (const [k, v] of this.hits) if (v.resetAt <= now) this.hits.delete(k);
  }
}
