import { SEVERITIES, type Severity, type SlaSettingsDto } from '@dqw/shared-types';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import type { Principal } from '../../../core/auth/principal';
import { Db } from '../../../core/database/db.service';
import { InvalidInputError } from '../../../core/http/domain-errors';
import { AuditService } from '../../audit/audit.service';
import { Clock } from '../clock';
import { SlaPolicy } from './sla-policy.entity';
import type { UpdateSlaSettingsDto } from './sla.dto';

/** DESIGN §7 defaults, used when a row is missing. */
export const DEFAULT_SLA: Readonly<Record<Severity, { ackMinutes: number; resolveMinutes: number }>> = {
  HIGH: { ackMinutes: 60, resolveMinutes: 24 * 60 },
  MEDIUM: { ackMinutes: 4 * 60, resolveMinutes: 72 * 60 },
  LOW: { ackMinutes: 24 * 60, resolveMinutes: 7 * 24 * 60 },
};

export interface SlaDue {
  ackMinutes: number;
  resolveMinutes: number;
  ackDueAt: Date;
  resolveDueAt: Date;
}

const addMinutes = (d: Date, m: number): Date => new Date(d.getTime() + m * 60_000);

/** The SLA policy per severity and the due times it gives. */
@Injectable()
export class SlaService {
  constructor(
    @InjectRepository(SlaPolicy) private readonly repo: Repository<SlaPolicy>,
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async get(): Promise<SlaSettingsDto> {
    const rows = await this.repo.find();
    const by = new Map(rows.map((r) => [r.severity, r]));
    const latest = rows
      .filter((r) => r.updatedAt)
      .sort((a, b) => (b.updatedAt as Date).getTime() - (a.updatedAt as Date).getTime())[0];
    return {
      policies: [...SEVERITIES].reverse().map((severity) => ({
        severity,
        ackMinutes: by.get(severity)?.ackMinutes ?? DEFAULT_SLA[severity].ackMinutes,
        resolveMinutes: by.get(severity)?.resolveMinutes ?? DEFAULT_SLA[severity].resolveMinutes,
      })),
      updatedAt: latest?.updatedAt?.toISOString() ?? null,
      updatedBy: latest?.updatedBy ?? null,
    };
  }

  /** Replaces the three policies. Open incidents keep the due times they were given. */
  async update(dto: UpdateSlaSettingsDto, p: Principal): Promise<SlaSettingsDto> {
    const seen = new Set(dto.policies.map((x) => x.severity));
    if (seen.size !== dto.policies.length || seen.size !== SEVERITIES.length) {
      throw new InvalidInputError(`policies must list each severity once: ${SEVERITIES.join(', ')}`);
    }
    for (const x of dto.policies) {
      if (x.resolveMinutes < x.ackMinutes) {
        throw new InvalidInputError(
          `${x.severity}: resolveMinutes (${x.resolveMinutes}) must not be shorter than ackMinutes (${x.ackMinutes})`,
        );
      }
    }
    const before = await this.get();
    const now = this.clock.now();
    await this.db.transaction(async (em) => {
      for (const x of dto.policies) {
        await em.getRepository(SlaPolicy).save({
          severity: x.severity,
          ackMinutes: x.ackMinutes,
          resolveMinutes: x.resolveMinutes,
          updatedAt: now,
          updatedBy: p.userId,
        });
      }
    });
    const after = await this.get();
    await this.audit.record({
      action: 'sla.update',
      entityType: 'sla_policy',
      entityId: null,
      summary: 'Changed the SLA policy',
      changes: { before: before.policies, after: after.policies },
    });
    return after;
  }

  /** Due times of an incident of `severity` opened at `openedAt`, read inside the caller's transaction. */
  async dueTimes(em: EntityManager, severity: Severity, openedAt: Date): Promise<SlaDue> {
    const row = await em.getRepository(SlaPolicy).findOneBy({ severity });
    const ackMinutes = row?.ackMinutes ?? DEFAULT_SLA[severity].ackMinutes;
    const resolveMinutes = row?.resolveMinutes ?? DEFAULT_SLA[severity].resolveMinutes;
    return {
      ackMinutes,
      resolveMinutes,
      ackDueAt: addMinutes(openedAt, ackMinutes),
      resolveDueAt: addMinutes(openedAt, resolveMinutes),
    };
  }
}
