import {
  INCIDENT_STATUSES,
  SEVERITIES,
  type IncidentCounts,
  type IncidentSort,
  type IncidentStatus,
  type Severity,
} from '@dqw/shared-types';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, type Repository, type SelectQueryBuilder } from 'typeorm';
import { IncidentEvent } from './incident-event.entity';
import { Incident } from './incident.entity';

export interface IncidentFilter {
  statuses?: IncidentStatus[];
  severities?: Severity[];
  datasetId?: string;
  ruleId?: string;
  /** A user id, or null for unassigned. */
  assigneeId?: string | null;
  breached?: boolean;
  from?: Date;
  to?: Date;
  flapping?: boolean;
  q?: string;
}

const SORT_COLUMNS: Record<string, string> = {
  openedAt: 'i.openedAt',
  lastOccurrenceAt: 'i.lastOccurrenceAt',
  severity: 'i.severityRank',
  occurrences: 'i.occurrences',
  slaDueAt: 'i.slaNextDueAt',
};

/** Queries of incidents and their timelines (no rules of the domain here). */
@Injectable()
export class IncidentsRepository {
  constructor(
    @InjectRepository(Incident) readonly incidents: Repository<Incident>,
    @InjectRepository(IncidentEvent) readonly events: Repository<IncidentEvent>,
  ) {}

  async list(
    f: IncidentFilter,
    sort: IncidentSort,
    page: number,
    pageSize: number,
  ): Promise<{ rows: Incident[]; total: number; counts: IncidentCounts }> {
    const desc = sort.startsWith('-');
    const column = SORT_COLUMNS[desc ? sort.slice(1) : sort];
    const qb = this.filtered(f, false);
    // Incidents without a deadline (muted, resolved) come last whichever way the SLA sort goes.
    qb.orderBy(column, desc ? 'DESC' : 'ASC', 'NULLS LAST');
    // TypeORM keys ORDER BY by expression: a tie-breaker on the sort column itself would replace it.
    if (column !== 'i.openedAt') qb.addOrderBy('i.openedAt', 'DESC');
    qb.addOrderBy('i.id', 'ASC')
      .offset((page - 1) * pageSize)
      .limit(pageSize);
    const [rows, total] = await qb.getManyAndCount();
    return { rows, total, counts: await this.counts(f) };
  }

  /** Counts by status and by severity under every filter except those two. */
  private async counts(f: IncidentFilter): Promise<IncidentCounts> {
    const status = Object.fromEntries(INCIDENT_STATUSES.map((s) => [s, 0])) as Record<IncidentStatus, number>;
    const severity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
    const byStatus = await this.filtered(f, true)
      .select('i.status', 'k')
      .addSelect('COUNT(*)', 'n')
      .groupBy('i.status')
      .getRawMany<{ k: IncidentStatus; n: string | number }>();
    for (const r of byStatus) status[r.k] = Number(r.n);
    const bySeverity = await this.filtered(f, true)
      .select('i.severity', 'k')
      .addSelect('COUNT(*)', 'n')
      .groupBy('i.severity')
      .getRawMany<{ k: Severity; n: string | number }>();
    for (const r of bySeverity) severity[r.k] = Number(r.n);
    return { status, severity };
  }

  private filtered(f: IncidentFilter, forCounts: boolean): SelectQueryBuilder<Incident> {
    const qb = this.incidents.createQueryBuilder('i');
    if (!forCounts && f.statuses?.length) qb.andWhere('i.status IN (:...statuses)', { statuses: f.statuses });
    if (!forCounts && f.severities?.length)
      qb.andWhere('i.severity IN (:...severities)', { severities: f.severities });
    if (f.datasetId) qb.andWhere('i.datasetId = :datasetId', { datasetId: f.datasetId });
    if (f.ruleId) qb.andWhere('i.ruleId = :ruleId', { ruleId: f.ruleId });
    if (f.assigneeId === null) qb.andWhere('i.assigneeId IS NULL');
    else if (f.assigneeId) qb.andWhere('i.assigneeId = :assigneeId', { assigneeId: f.assigneeId });
    if (f.breached === true) qb.andWhere('i.slaBreachedAt IS NOT NULL');
    if (f.breached === false) qb.andWhere('i.slaBreachedAt IS NULL');
    if (f.flapping !== undefined) qb.andWhere('i.flapping = :flapping', { flapping: f.flapping });
    if (f.from) qb.andWhere('i.openedAt >= :from', { from: f.from });
    if (f.to) qb.andWhere('i.openedAt < :to', { to: f.to });
    if (f.q) {
      const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere(
        new Brackets((w) =>
          w
            .where(`LOWER(i.title) LIKE LOWER(:like) ESCAPE '\\'`, { like })
            .orWhere(`LOWER(i.ruleName) LIKE LOWER(:like) ESCAPE '\\'`, { like }),
        ),
      );
    }
    return qb;
  }

  /** The latest `limit` events, oldest first, and how many there are. */
  async latestEvents(incidentId: string, limit: number): Promise<{ events: IncidentEvent[]; total: number }> {
    const [rows, total] = await this.events.findAndCount({
      where: { incidentId },
      order: { id: 'DESC' },
      take: limit,
    });
    return { events: rows.reverse(), total };
  }

  async timeline(incidentId: string, page: number, pageSize: number): Promise<[IncidentEvent[], number]> {
    return this.events.findAndCount({
      where: { incidentId },
      order: { id: 'ASC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
  }
}
