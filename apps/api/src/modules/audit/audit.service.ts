import { AuditActorType, AuditEntryDto, AuditVerifyResponse, Paged } from '@dqw/shared-types';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Db } from '../../core/database/db.service';
import { currentRequestContext, RequestContext } from '../../core/http/request-context';
import { AuditEntry } from './audit-entry.entity';
import { auditHash, GENESIS_HASH, HashedContent } from './audit-hash';
import { toAuditEntryDto } from './audit.mapper';
import { AuditQueryDto } from './dto/audit-query.dto';
import { redact } from './redact';

export interface AuditActor {
  type: AuditActorType;
  id: string | null;
  label: string | null;
}

export interface AuditInput {
  /** Dotted verb, e.g. `user.create`, `auth.login.failed`, `dataset.upload`. */
  action: string;
  entityType?: string | null;
  entityId?: string | null;
  /** One human sentence. */
  summary: string;
  /** Before/after or parameters; secrets are redacted before storing. */
  changes?: unknown;
  /** Defaults to the caller of the current request, or `system` outside a request. */
  actor?: AuditActor;
}

export const SYSTEM_ACTOR: AuditActor = { type: 'system', id: null, label: 'system' };

function actorFrom(ctx: RequestContext | undefined): AuditActor {
  if (!ctx) return SYSTEM_ACTOR;
  const p = ctx.principal;
  if (!p) return { type: 'anonymous', id: null, label: null };
  return p.method === 'token'
    ? { type: 'token', id: p.userId, label: `${p.email} (token ${p.tokenId})` }
    : { type: 'user', id: p.userId, label: p.email };
}

const cut = (s: string | null | undefined, n: number): string | null => (s == null ? null : s.slice(0, n));

const VERIFY_BATCH = 1000;

/** The append-only, hash-chained audit log. Any module may call `record`. */
@Injectable()
export class AuditService {
  constructor(
    private readonly db: Db,
    @InjectRepository(AuditEntry) private readonly repo: Repository<AuditEntry>,
  ) {}

  /**
   * Appends one entry. Appends are serialized (a per-schema advisory lock on PostgreSQL, the write
   * queue on SQLite) so that each entry chains onto the true latest one even with several processes.
   */
  async record(input: AuditInput): Promise<AuditEntry> {
    const ctx = currentRequestContext();
    const actor = input.actor ?? actorFrom(ctx);
    const changes = input.changes === undefined ? null : JSON.stringify(redact(input.changes));
    const saved = await this.db.transaction(async (em) => {
      if (this.db.dialect === 'postgres') {
        await em.query(`SELECT pg_advisory_xact_lock(hashtext('dqw_audit:' || current_schema()))`);
      }
      const [last] = await em
        .getRepository(AuditEntry)
        .find({ select: { id: true, hash: true }, order: { id: 'DESC' }, take: 1 });
      const prevHash = last?.hash ?? GENESIS_HASH;
      const content: HashedContent = {
        at: new Date(),
        actorType: actor.type,
        actorId: cut(actor.id, 36),
        actorLabel: cut(actor.label, 320),
        action: input.action.slice(0, 100),
        entityType: cut(input.entityType, 50),
        entityId: cut(input.entityId, 100),
        summary: input.summary,
        changes,
        ip: cut(ctx?.ip, 64),
        requestId: cut(ctx?.requestId, 128),
      };
      return em
        .getRepository(AuditEntry)
        .save(em.create(AuditEntry, { ...content, prevHash, hash: auditHash(prevHash, content) }));
    });
    if (ctx) ctx.audited = true;
    return saved;
  }

  async list(q: AuditQueryDto): Promise<Paged<AuditEntryDto>> {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    const qb = this.repo.createQueryBuilder('a');
    if (q.actorType) qb.andWhere('a.actorType = :actorType', { actorType: q.actorType });
    if (q.actorId) qb.andWhere('a.actorId = :actorId', { actorId: q.actorId });
    if (q.action) {
      if (q.action.endsWith('.'))
        qb.andWhere('a.action LIKE :prefix', { prefix: `${q.action.replace(/[%_]/g, '')}%` });
      else qb.andWhere('a.action = :action', { action: q.action });
    }
    if (q.entityType) qb.andWhere('a.entityType = :entityType', { entityType: q.entityType });
    if (q.entityId) qb.andWhere('a.entityId = :entityId', { entityId: q.entityId });
    if (q.from) qb.andWhere('a.at >= :from', { from: new Date(q.from) });
    if (q.to) qb.andWhere('a.at < :to', { to: new Date(q.to) });
    const [rows, total] = await qb
      .orderBy('a.id', 'DESC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    return { items: rows.map(toAuditEntryDto), total, page, pageSize };
  }

  /** True when the user has acted (any entry with them as actor). */
  async hasEntriesByActor(userId: string): Promise<boolean> {
    return (await this.repo.count({ where: { actorId: userId }, take: 1 })) > 0;
  }

  /** Recomputes the whole chain; reports the first entry whose hash or link doesn't match. */
  async verify(): Promise<AuditVerifyResponse> {
    let prev = GENESIS_HASH;
    let lastId = 0;
    let entries = 0;
    let firstBrokenId: number | undefined;
    for (;;) {
      const batch = await this.repo
        .createQueryBuilder('a')
        .where('a.id > :lastId', { lastId })
        .orderBy('a.id', 'ASC')
        .take(VERIFY_BATCH)
        .getMany();
      for (const e of batch) {
        entries += 1;
        if (firstBrokenId === undefined && (e.prevHash !== prev || auditHash(e.prevHash, e) !== e.hash)) {
          firstBrokenId = e.id;
        }
        prev = e.hash;
        lastId = e.id;
      }
      if (batch.length < VERIFY_BATCH) break;
    }
    return firstBrokenId === undefined ? { valid: true, entries } : { valid: false, entries, firstBrokenId };
  }
}
