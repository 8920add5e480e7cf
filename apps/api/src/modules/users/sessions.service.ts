import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, Not, Repository } from 'typeorm';
import { AppConfig } from '../../core/config/config';
import { InjectConfig } from '../../core/config/config.module';
import { randomSecret, sha256 } from './secrets';
import { Session } from './session.entity';
import { User } from './user.entity';

// Sliding expiry without a write per request: extend at most once a minute.
const TOUCH_INTERVAL_MS = 60_000;

/** Server-side sessions: the cookie holds a random secret, the database only its SHA-256. */
@Injectable()
export class SessionsService {
  constructor(
    @InjectConfig() private readonly config: AppConfig,
    @InjectRepository(Session) private readonly sessions: Repository<Session>,
    @InjectRepository(User) private readonly users: Repository<User>,
  ) {}

  private ttlMs(): number {
    return this.config.sessionTtlHours * 3_600_000;
  }

  async create(
    userId: string,
    ip: string | null,
    userAgent: string | null,
  ): Promise<{ secret: string; session: Session }> {
    const secret = randomSecret();
    const now = new Date();
    const session = this.sessions.create({
      id: randomUUID(),
      tokenHash: sha256(secret),
      userId,
      csrfToken: randomSecret(),
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + this.ttlMs()),
      ip: ip?.slice(0, 64) ?? null,
      userAgent: userAgent?.slice(0, 300) ?? null,
    });
    await this.sessions.save(session);
    // Housekeeping on login rather than a timer: expired rows are useless.
    await this.sessions.delete({ expiresAt: LessThan(now) });
    return { secret, session };
  }

  /** The live session and its active user, extending the expiry; null when unknown, expired or inactive. */
  async resolve(secret: string): Promise<{ session: Session; user: User; extended: boolean } | null> {
    if (secret.length > 200) return null;
    const session = await this.sessions.findOneBy({ tokenHash: sha256(secret) });
    if (!session) return null;
    const now = Date.now();
    if (session.expiresAt.getTime() <= now) {
      await this.sessions.delete({ id: session.id });
      return null;
    }
    const user = await this.users.findOneBy({ id: session.userId });
    if (!user || !user.active) return null;
    let extended = false;
    if (now - session.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
      session.lastSeenAt = new Date(now);
      session.expiresAt = new Date(now + this.ttlMs());
      await this.sessions.update(
        { id: session.id },
        { lastSeenAt: session.lastSeenAt, expiresAt: session.expiresAt },
      );
      extended = true;
    }
    return { session, user, extended };
  }

  async revoke(sessionId: string): Promise<void> {
    await this.sessions.delete({ id: sessionId });
  }

  /** Ends every session of a user, except `keepId` (the caller's own, after a password change). */
  async revokeAllForUser(userId: string, keepId?: string): Promise<void> {
    await this.sessions.delete(keepId ? { userId, id: Not(keepId) } : { userId });
  }
}
