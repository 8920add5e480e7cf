import { randomUUID } from 'node:crypto';
import { DeleteUserResponse, Paged, Roles, UserDto } from '@dqw/shared-types';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, EntityManager, Repository } from 'typeorm';
import { Db } from '../../core/database/db.service';
import { ConflictError, InvalidInputError, NotFoundError } from '../../core/http/domain-errors';
import { AuditService } from '../audit/audit.service';
import { ApiToken } from './api-token.entity';
import { CreateUserDto, UpdateUserDto, UserListQueryDto } from './dto/user.dto';
import { PasswordHasher } from './password-hasher';
import { Session } from './session.entity';
import { isLocked, toUserDto } from './user.mapper';
import { User } from './user.entity';

type Snapshot = Pick<UserDto, 'displayName' | 'role' | 'active' | 'locked'>;

function snapshot(u: User): Snapshot {
  return { displayName: u.displayName, role: u.role, active: u.active, locked: isLocked(u) };
}

const isActiveAdmin = (s: { role: string; active: boolean }): boolean => s.role === Roles.Admin && s.active;

/** Accounts. The last active Admin can't be demoted, deactivated or deleted. */
@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(ApiToken) private readonly tokens: Repository<ApiToken>,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    private readonly db: Db,
  ) {}

  findByEmail(email: string): Promise<User | null> {
    return this.users.findOneBy({ email: email.toLowerCase() });
  }

  async list(q: UserListQueryDto): Promise<Paged<UserDto>> {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    const qb = this.users.createQueryBuilder('u');
    if (q.q) {
      // Both sides lower-cased by the database, so SQLite (ASCII-only LOWER) and PostgreSQL agree.
      const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere(
        new Brackets((w) =>
          w
            .where(`LOWER(u.email) LIKE LOWER(:like) ESCAPE '\\'`, { like })
            .orWhere(`LOWER(u.displayName) LIKE LOWER(:like) ESCAPE '\\'`, { like }),
        ),
      );
    }
    if (q.role) qb.andWhere('u.role = :role', { role: q.role });
    if (q.active !== undefined) qb.andWhere('u.active = :active', { active: q.active });
    const [rows, total] = await qb
      .orderBy('u.email', 'ASC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    return { items: rows.map(toUserDto), total, page, pageSize };
  }

  async get(id: string): Promise<User> {
    const u = await this.users.findOneBy({ id });
    if (!u) throw new NotFoundError('User', id);
    return u;
  }

  /** Creates an account; `audit: false` only for the first-start bootstrap, which records its own entry. */
  async create(dto: CreateUserDto, opts: { audit?: boolean } = {}): Promise<User> {
    this.hasher.assertAcceptable(dto.password);
    const email = dto.email.toLowerCase();
    if (await this.findByEmail(email)) throw new ConflictError('A user with this email already exists');
    const now = new Date();
    const user = this.users.create({
      id: randomUUID(),
      email,
      displayName: dto.displayName ?? email,
      role: dto.role,
      passwordHash: await this.hasher.hash(dto.password),
      active: true,
      failedLoginCount: 0,
      lockedUntil: null,
      lastLoginAt: null,
      passwordChangedAt: now,
      createdAt: now,
      updatedAt: now,
    });
    await this.users.save(user);
    if (opts.audit !== false) {
      await this.audit.record({
        action: 'user.create',
        entityType: 'user',
        entityId: user.id,
        summary: `Created user ${email} (${user.role})`,
        changes: { after: { email, displayName: user.displayName, role: user.role, active: true } },
      });
    }
    return user;
  }

  async update(id: string, dto: UpdateUserDto): Promise<User> {
    if (Object.values(dto).every((v) => v === undefined)) throw new InvalidInputError('Nothing to update');
    if (dto.password !== undefined) this.hasher.assertAcceptable(dto.password);
    // Hash outside the transaction: it is slow on purpose and would hold the SQLite write queue.
    const passwordHash = dto.password === undefined ? null : await this.hasher.hash(dto.password);
    const { user, before } = await this.db.transaction(async (em) => {
      await this.lockAdmins(em);
      const u = await em.findOneBy(User, { id });
      if (!u) throw new NotFoundError('User', id);
      const before = snapshot(u);
      const now = new Date();
      if (dto.displayName !== undefined) u.displayName = dto.displayName;
      if (dto.role !== undefined) u.role = dto.role;
      if (dto.active !== undefined) u.active = dto.active;
      if (dto.locked === false) {
        u.lockedUntil = null;
        u.failedLoginCount = 0;
      }
      if (passwordHash) {
        u.passwordHash = passwordHash;
        u.passwordChangedAt = now;
      }
      if (isActiveAdmin(before) && !isActiveAdmin(u)) await this.assertOtherActiveAdmin(em, id);
      u.updatedAt = now;
      await em.save(u);
      if (!u.active || passwordHash) await em.delete(Session, { userId: id });
      return { user: u, before };
    });
    const after = snapshot(user);
    const changed = (Object.keys(after) as (keyof Snapshot)[]).filter((k) => after[k] !== before[k]);
    const pick = (s: Snapshot): Record<string, unknown> => Object.fromEntries(changed.map((k) => [k, s[k]]));
    await this.audit.record({
      action: 'user.update',
      entityType: 'user',
      entityId: id,
      summary: `Updated user ${user.email}: ${[...changed, ...(passwordHash ? ['password'] : [])].join(', ') || 'no change'}`,
      changes: {
        before: pick(before),
        after: { ...pick(after), ...(passwordHash ? { password: 'changed' } : {}) },
      },
    });
    return user;
  }

  /** Deletes a user without history; deactivates one who has signed in, owns tokens or appears as an actor. */
  async remove(id: string): Promise<DeleteUserResponse> {
    const target = await this.get(id);
    const hasHistory =
      target.lastLoginAt !== null ||
      (await this.tokens.count({ where: { userId: id }, take: 1 })) > 0 ||
      (await this.audit.hasEntriesByActor(id));
    const result = await this.db.transaction(async (em) => {
      await this.lockAdmins(em);
      const u = await em.findOneBy(User, { id });
      if (!u) throw new NotFoundError('User', id);
      if (isActiveAdmin(u)) await this.assertOtherActiveAdmin(em, id);
      if (!hasHistory) {
        await em.delete(User, { id });
        return { outcome: 'deleted' as const, user: null };
      }
      u.active = false;
      u.updatedAt = new Date();
      await em.save(u);
      await em.delete(Session, { userId: id });
      return { outcome: 'deactivated' as const, user: toUserDto(u) };
    });
    await this.audit.record({
      action: result.outcome === 'deleted' ? 'user.delete' : 'user.deactivate',
      entityType: 'user',
      entityId: id,
      summary:
        result.outcome === 'deleted'
          ? `Deleted user ${target.email}`
          : `Deactivated user ${target.email} (kept because it has history)`,
      changes: { before: snapshot(target) },
    });
    return result;
  }

  /** Serializes changes that could remove the last Admin (two Admins demoting each other at once). */
  private async lockAdmins(em: EntityManager): Promise<void> {
    if (this.db.dialect === 'postgres') {
      await em.query(`SELECT pg_advisory_xact_lock(hashtext('dqw_admins:' || current_schema()))`);
    }
  }

  private async assertOtherActiveAdmin(em: EntityManager, exceptId: string): Promise<void> {
    const others = await em
      .createQueryBuilder(User, 'u')
      .where('u.role = :role', { role: Roles.Admin })
      .andWhere('u.active = :active', { active: true })
      .andWhere('u.id != :id', { id: exceptId })
      .getCount();
    if (others === 0) throw new ConflictError('This is the last active Admin; make another user Admin first');
  }
}
