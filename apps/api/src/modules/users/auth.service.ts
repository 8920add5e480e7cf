import { MeResponse } from '@dqw/shared-types';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Principal } from '../../core/auth/principal';
import { AppConfig } from '../../core/config/config';
import { InjectConfig } from '../../core/config/config.module';
import { InvalidInputError, UnauthenticatedError } from '../../core/http/domain-errors';
import { currentRequestContext } from '../../core/http/request-context';
import { AuditService } from '../audit/audit.service';
import { LoginLimiter } from './login-limiter';
import { PasswordHasher } from './password-hasher';
import { SessionsService } from './sessions.service';
import { isLocked, toUserDto } from './user.mapper';
import { User } from './user.entity';

// One answer for every failure, so it never reveals whether the account exists, is locked or inactive.
const LOGIN_FAILED = 'Invalid email or password';

export interface LoginResult {
  me: MeResponse;
  sessionSecret: string;
}

@Injectable()
export class AuthService {
  constructor(
    @InjectConfig() private readonly config: AppConfig,
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionsService,
    private readonly limiter: LoginLimiter,
    private readonly audit: AuditService,
  ) {}

  async login(emailRaw: string, password: string, userAgent: string | null): Promise<LoginResult> {
    const email = emailRaw.toLowerCase();
    const ip = currentRequestContext()?.ip ?? null;
    this.limiter.check(ip, email);
    const user = await this.users.findOneBy({ email });
    if (!user) {
      await this.hasher.verifyDummy(password);
      return this.fail(email, null, 'unknown account');
    }
    const ok = await this.hasher.verify(password, user.passwordHash);
    if (isLocked(user)) return this.fail(email, user, 'account locked');
    if (!user.active) return this.fail(email, user, 'account deactivated');
    if (!ok) return this.wrongPassword(user);

    const now = new Date();
    await this.users.update({ id: user.id }, { failedLoginCount: 0, lockedUntil: null, lastLoginAt: now });
    Object.assign(user, { failedLoginCount: 0, lockedUntil: null, lastLoginAt: now });
    const { secret, session } = await this.sessions.create(user.id, ip, userAgent);
    await this.audit.record({
      action: 'auth.login',
      entityType: 'user',
      entityId: user.id,
      summary: `${user.email} signed in`,
      actor: { type: 'user', id: user.id, label: user.email },
    });
    return {
      me: { user: toUserDto(user), csrfToken: session.csrfToken, authMethod: 'session' },
      sessionSecret: secret,
    };
  }

  async logout(p: Principal): Promise<void> {
    if (p.sessionId) await this.sessions.revoke(p.sessionId);
    await this.audit.record({
      action: 'auth.logout',
      entityType: 'user',
      entityId: p.userId,
      summary: `${p.email} signed out`,
    });
  }

  async me(p: Principal): Promise<MeResponse> {
    const user = await this.users.findOneByOrFail({ id: p.userId });
    return { user: toUserDto(user), csrfToken: p.csrfToken, authMethod: p.method };
  }

  /** Changes the caller's own password and ends their other sessions. */
  async changePassword(p: Principal, current: string, next: string): Promise<void> {
    this.limiter.check(currentRequestContext()?.ip ?? null, p.email);
    const user = await this.users.findOneByOrFail({ id: p.userId });
    if (!(await this.hasher.verify(current, user.passwordHash))) {
      const msg = 'Current password is wrong';
      throw new InvalidInputError(msg, [{ field: 'currentPassword', messages: [msg] }]);
    }
    this.hasher.assertAcceptable(next, 'newPassword');
    if (current === next) {
      const msg = 'The new password must differ from the current one';
      throw new InvalidInputError(msg, [{ field: 'newPassword', messages: [msg] }]);
    }
    const now = new Date();
    await this.users.update(
      { id: user.id },
      { passwordHash: await this.hasher.hash(next), passwordChangedAt: now, updatedAt: now },
    );
    await this.sessions.revokeAllForUser(user.id, p.sessionId ?? undefined);
    await this.audit.record({
      action: 'auth.password.change',
      entityType: 'user',
      entityId: user.id,
      summary: `${user.email} changed their password`,
    });
  }

  private async wrongPassword(user: User): Promise<never> {
    await this.users.increment({ id: user.id }, 'failedLoginCount', 1);
    const fresh = await this.users.findOneByOrFail({ id: user.id });
    if (fresh.failedLoginCount >= this.config.login.lockoutThreshold) {
      const until = new Date(Date.now() + this.config.login.lockoutMinutes * 60_000);
      // Reset the counter: when the lock expires, the user gets a full set of attempts again.
      await this.users.update({ id: user.id }, { lockedUntil: until, failedLoginCount: 0 });
      await this.audit.record({
        action: 'user.lock',
        entityType: 'user',
        entityId: user.id,
        summary: `${user.email} locked until ${until.toISOString()} after ${fresh.failedLoginCount} failed sign-ins`,
        actor: { type: 'system', id: null, label: 'system' },
      });
    }
    return this.fail(user.email, user, 'wrong password');
  }

  private async fail(email: string, user: User | null, reason: string): Promise<never> {
    await this.audit.record({
      action: 'auth.login.failed',
      entityType: user ? 'user' : null,
      entityId: user?.id ?? null,
      summary: `Failed sign-in for ${email}: ${reason}`,
      actor: { type: 'anonymous', id: null, label: email },
    });
    throw new UnauthenticatedError(LOGIN_FAILED);
  }
}
