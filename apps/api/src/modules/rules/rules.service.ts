import type { Paged, RuleDetailDto, RuleVersionDto, Severity } from '@dqw/shared-types';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { In, IsNull, Repository, type EntityManager } from 'typeorm';
import type { Principal } from '../../core/auth/principal';
import { Db } from '../../core/database/db.service';
import { ConflictError, InvalidInputError, NotFoundError } from '../../core/http/domain-errors';
import type { PageQueryDto } from '../../core/http/page-query.dto';
import { AuditService } from '../audit/audit.service';
import { RulesDatasets } from './datasets.port';
import type { CreateRuleDto, RuleListQueryDto, UpdateRuleDto } from './dto/rule-requests.dto';
import { scheduleProblem } from './rule-dsl';
import { RuleChecksService } from './rule-checks.service';
import { RuleVersion } from './rule-version.entity';
import { Rule } from './rule.entity';
import { toRuleDto, toRuleVersionDto } from './rule.mapper';

type Content = Pick<Rule, 'name' | 'description' | 'dsl' | 'type' | 'severity' | 'active' | 'schedule'>;
const CONTENT_FIELDS: (keyof Content)[] = [
  'name',
  'description',
  'dsl',
  'type',
  'severity',
  'active',
  'schedule',
];

/** A schedule as stored: trimmed, single-spaced, null when empty; a bad one is a 400 naming the problem. */
function normaliseSchedule(schedule: string | null | undefined): string | null {
  if (schedule === undefined || schedule === null || schedule.trim() === '') return null;
  const problem = scheduleProblem(schedule);
  if (problem) throw new InvalidInputError(problem, [{ field: 'schedule', messages: [problem] }]);
  return schedule.trim().replace(/\s+/g, ' ');
}

const blankToNull = (s: string | null | undefined): string | null => (s && s.trim() ? s.trim() : null);

/** Rules and their history. Every change is a new RuleVersion; deleting keeps the rows for past runs. */
@Injectable()
export class RulesService {
  constructor(
    private readonly db: Db,
    @InjectRepository(Rule) private readonly rules: Repository<Rule>,
    @InjectRepository(RuleVersion) private readonly versions: Repository<RuleVersion>,
    private readonly datasets: RulesDatasets,
    private readonly checks: RuleChecksService,
    private readonly audit: AuditService,
  ) {}

  async create(dto: CreateRuleDto, by: Principal | null): Promise<Rule> {
    const ds = await this.datasets.describe(dto.datasetId);
    const checked = await this.checks.checkOrThrow(dto.dsl, ds);
    const now = new Date();
    const rule = this.rules.create({
      id: randomUUID(),
      datasetId: ds.id,
      name: dto.name.trim(),
      description: blankToNull(dto.description),
      dsl: dto.dsl.trim(),
      type: checked.type,
      severity: dto.severity ?? 'MEDIUM',
      active: dto.active ?? true,
      schedule: normaliseSchedule(dto.schedule),
      ownerId: by?.userId ?? null,
      version: 1,
      versionId: randomUUID(),
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
    });
    await this.db.transaction(async (em) => {
      await em.getRepository(Rule).insert(rule);
      await em.getRepository(RuleVersion).insert(this.versionOf(rule, by));
    });
    await this.audit.record({
      action: 'rule.create',
      entityType: 'rule',
      entityId: rule.id,
      summary: `Created rule "${rule.name}" on dataset "${ds.name}"`,
      changes: { after: this.content(rule) },
    });
    return rule;
  }

  async list(q: RuleListQueryDto): Promise<Paged<RuleDetailDto>> {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    const qb = this.rules.createQueryBuilder('r').where('r.deletedAt IS NULL');
    if (q.datasetId) qb.andWhere('r.datasetId = :datasetId', { datasetId: q.datasetId });
    if (q.type) qb.andWhere('r.type = :type', { type: q.type });
    if (q.severity) qb.andWhere('r.severity = :severity', { severity: q.severity });
    if (q.active !== undefined) qb.andWhere('r.active = :active', { active: q.active });
    if (q.q) {
      // Both sides lower-cased by the database, so SQLite (ASCII-only LOWER) and PostgreSQL agree.
      const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere(
        `(LOWER(r.name) LIKE LOWER(:like) ESCAPE '\\' OR LOWER(r.description) LIKE LOWER(:like) ESCAPE '\\' OR LOWER(r.dsl) LIKE LOWER(:like) ESCAPE '\\')`,
        { like },
      );
    }
    const [rows, total] = await qb
      .orderBy('r.createdAt', 'DESC')
      .addOrderBy('r.id', 'ASC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    return { items: rows.map(toRuleDto), total, page, pageSize };
  }

  /** A rule that exists and isn't deleted, or 404. */
  async get(id: string): Promise<Rule> {
    const rule = await this.rules.findOneBy({ id, deletedAt: IsNull() });
    if (!rule) throw new NotFoundError('Rule', id);
    return rule;
  }

  async update(id: string, dto: UpdateRuleDto, by: Principal | null): Promise<Rule> {
    const rule = await this.get(id);
    const before = this.content(rule);
    const next: Content = { ...before };
    if (dto.name !== undefined) next.name = dto.name.trim();
    if (dto.description !== undefined) next.description = blankToNull(dto.description);
    if (dto.severity !== undefined) next.severity = dto.severity;
    if (dto.active !== undefined) next.active = dto.active;
    if (dto.schedule !== undefined) next.schedule = normaliseSchedule(dto.schedule);
    if (dto.dsl !== undefined && dto.dsl.trim() !== rule.dsl) {
      // Only a changed rule text is checked again: editing the severity of a rule whose column a later
      // version dropped must stay possible (its runs report the missing column).
      const ds = await this.datasets.describe(rule.datasetId);
      const checked = await this.checks.checkOrThrow(dto.dsl, ds);
      next.dsl = dto.dsl.trim();
      next.type = checked.type;
    }
    const changed = CONTENT_FIELDS.filter((f) => next[f] !== before[f]);
    if (changed.length === 0) return rule;

    const updated: Rule = {
      ...rule,
      ...next,
      version: rule.version + 1,
      versionId: randomUUID(),
      updatedAt: new Date(),
    };
    await this.db.transaction(async (em: EntityManager) => {
      // Optimistic: a concurrent edit of the same version makes this update touch no row.
      const res = await em
        .createQueryBuilder()
        .update(Rule)
        .set({
          ...next,
          version: updated.version,
          versionId: updated.versionId,
          updatedAt: updated.updatedAt,
        })
        .where('id = :id AND version = :version AND deleted_at IS NULL', { id, version: rule.version })
        .execute();
      if (!res.affected) {
        throw new ConflictError('The rule was changed or deleted at the same time; reload it and try again');
      }
      await em.getRepository(RuleVersion).insert(this.versionOf(updated, by));
    });
    await this.audit.record({
      action: 'rule.update',
      entityType: 'rule',
      entityId: id,
      summary: `Changed ${changed.join(', ')} of rule "${updated.name}" (version ${updated.version})`,
      changes: {
        before: Object.fromEntries(changed.map((f) => [f, before[f]])),
        after: Object.fromEntries(changed.map((f) => [f, next[f]])),
      },
    });
    return updated;
  }

  async remove(id: string): Promise<void> {
    const rule = await this.get(id);
    const res = await this.rules
      .createQueryBuilder()
      .update(Rule)
      .set({ deletedAt: new Date(), active: false })
      .where('id = :id AND deleted_at IS NULL', { id })
      .execute();
    if (!res.affected) throw new NotFoundError('Rule', id);
    await this.audit.record({
      action: 'rule.delete',
      entityType: 'rule',
      entityId: id,
      summary: `Deleted rule "${rule.name}" (its runs are kept)`,
      changes: { before: this.content(rule) },
    });
  }

  /** Soft-deletes every rule of a dataset that was deleted; returns how many. */
  async removeForDataset(datasetId: string): Promise<number> {
    const res = await this.rules
      .createQueryBuilder()
      .update(Rule)
      .set({ deletedAt: new Date(), active: false })
      .where('dataset_id = :datasetId AND deleted_at IS NULL', { datasetId })
      .execute();
    return res.affected ?? 0;
  }

  async history(id: string, q: PageQueryDto): Promise<Paged<RuleVersionDto>> {
    await this.get(id);
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    const [rows, total] = await this.versions.findAndCount({
      where: { ruleId: id },
      order: { version: 'DESC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return { items: rows.map(toRuleVersionDto), total, page, pageSize };
  }

  /** Active rules of a dataset (upload and "run all" triggers). */
  activeRulesOf(datasetId: string): Promise<Rule[]> {
    return this.rules.find({
      where: { datasetId, active: true, deletedAt: IsNull() },
      order: { createdAt: 'ASC' },
    });
  }

  /** Active rules that have a schedule. */
  scheduledRules(): Promise<Rule[]> {
    return this.rules
      .createQueryBuilder('r')
      .where('r.deletedAt IS NULL AND r.active = :active AND r.schedule IS NOT NULL', { active: true })
      .getMany();
  }

  /** Rules by id that exist and aren't deleted. */
  findLive(ids: string[]): Promise<Rule[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.rules
      .createQueryBuilder('r')
      .where('r.id IN (:...ids) AND r.deletedAt IS NULL', { ids })
      .getMany();
  }

  /** Rules by id, deleted or not (run outcome hooks need them after a delete too). */
  findAnyOf(ids: string[]): Promise<Rule[]> {
    return ids.length ? this.rules.findBy({ id: In(ids) }) : Promise.resolve([]);
  }

  toDto = toRuleDto;

  private content(r: Content): Content {
    return {
      name: r.name,
      description: r.description,
      dsl: r.dsl,
      type: r.type,
      severity: r.severity as Severity,
      active: r.active,
      schedule: r.schedule,
    };
  }

  private versionOf(rule: Rule, by: Principal | null): RuleVersion {
    return this.versions.create({
      id: rule.versionId,
      ruleId: rule.id,
      version: rule.version,
      ...this.content(rule),
      createdAt: rule.updatedAt,
      createdBy: by?.userId ?? null,
    });
  }
}
