import { randomUUID } from 'node:crypto';
import { ApiTokenDto, CreatedTokenResponse, Paged } from '@dqw/shared-types';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { InvalidInputError, NotFoundError } from '../../core/http/domain-errors';
import { PageQueryDto } from '../../core/http/page-query.dto';
import { AuditService } from '../audit/audit.service';
import { ApiToken } from './api-token.entity';
import { randomSecret, sha256, TOKEN_PREFIX } from './secrets';
import { toApiTokenDto } from './user.mapper';
import { User } from './user.entity';

const LAST_USED_RESOLUTION_MS = 60_000;

/** Personal API tokens: `dqw_` + 256 random bits, shown once, stored as SHA-256. */
@Injectable()
export class TokensService {
  constructor(
    @InjectRepository(ApiToken) private readonly tokens: Repository<ApiToken>,
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly audit: AuditService,
  ) {}

  async create(userId: string, name: string, expiresAt?: string): Promise<CreatedTokenResponse> {
    const expiry = expiresAt === undefined ? null : new Date(expiresAt);
    if (expiry && expiry.getTime() <= Date.now()) {
      throw new InvalidInputError('expiresAt must be in the future', [
        { field: 'expiresAt', messages: ['expiresAt must be in the future'] },
      ]);
    }
    const secret = TOKEN_PREFIX + randomSecret();
    const token = this.tokens.create({
      id: randomUUID(),
      userId,
      name,
      prefix: secret.slice(0, 12),
      tokenHash: sha256(secret),
      createdAt: new Date(),
      expiresAt: expiry,
      lastUsedAt: null,
      revokedAt: null,
    });
    await this.tokens.save(token);
    await this.audit.record({
      action: 'token.create',
      entityType: 'api_token',
      entityId: token.id,
      summary: `Created API token "${name}"`,
      changes: { name, prefix: token.prefix, expiresAt: token.expiresAt },
    });
    return { ...toApiTokenDto(token), token: secret };
  }

  async list(userId: string, q: PageQueryDto): Promise<Paged<ApiTokenDto>> {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    const [rows, total] = await this.tokens.findAndCount({
      where: { userId },
      order: { createdAt: 'DESC', id: 'ASC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return { items: rows.map(toApiTokenDto), total, page, pageSize };
  }

  /** Revokes one of the caller's own tokens (someone else's is "not found"). Idempotent. */
  async revoke(userId: string, id: string): Promise<void> {
    const token = await this.tokens.findOneBy({ id, userId });
    if (!token) throw new NotFoundError('API token', id);
    if (token.revokedAt) return;
    token.revokedAt = new Date();
    await this.tokens.update({ id }, { revokedAt: token.revokedAt });
    await this.audit.record({
      action: 'token.revoke',
      entityType: 'api_token',
      entityId: id,
      summary: `Revoked API token "${token.name}"`,
    });
  }

  /** The token and its owner when the token is valid now (not revoked or expired, owner active). */
  async resolve(secret: string): Promise<{ token: ApiToken; user: User } | null> {
    if (!secret.startsWith(TOKEN_PREFIX) || secret.length > 200) return null;
    const token = await this.tokens.findOneBy({ tokenHash: sha256(secret) });
    const now = Date.now();
    if (!token || token.revokedAt || (token.expiresAt && token.expiresAt.getTime() <= now)) return null;
    const user = await this.users.findOneBy({ id: token.userId });
    if (!user || !user.active) return null;
    if (!token.lastUsedAt || now - token.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
      token.lastUsedAt = new Date(now);
      await this.tokens.update({ id: token.id }, { lastUsedAt: token.lastUsedAt });
    }
    return { token, user };
  }
}
