import {
  INCIDENT_TRANSITIONS,
  Roles,
  type BulkIncidentResponse,
  type BulkIncidentResult,
  type IncidentAssigneeDto,
  type IncidentDetailDto,
  type IncidentDto,
  type IncidentEventDto,
  type IncidentListResponse,
  type IncidentStatus,
  type Paged,
  type Severity,
} from '@dqw/shared-types';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../../core/auth/principal';
import { Db } from '../../core/database/db.service';
import { ConflictError, DomainError, InvalidInputError, NotFoundError } from '../../core/http/domain-errors';
import type { PageQueryDto } from '../../core/http/page-query.dto';
import { EventBus } from '../../core/events';
import { AuditService } from '../audit/audit.service';
import { UsersService } from '../users/users.service';
import { Clock } from './clock';
import type { BulkIncidentDto, IncidentListQueryDto, UpdateIncidentDto } from './dto/incident-requests.dto';
import type { Effects } from './effects';
import { Incident } from './incident.entity';
import { assertTransition } from './incident-state';
import { IncidentWriter, type Actor } from './incident-writer';
import { toIncidentDto, toIncidentEventDto } from './incident.mapper';
import { IncidentsRepository, type IncidentFilter } from './incidents.repository';

const TIMELINE_IN_DETAIL = 200;
const MAX_MUTE_MS = 366 * 24 * 3600_000;

const VERB: Record<IncidentStatus, string> = {
  ACKNOWLEDGED: 'acknowledge',
  MUTED: 'mute',
  OPEN: 'unmute',
  RESOLVED: 'resolve',
};

export const actorOf = (p: Principal): Actor => ({
  type: 'user',
  id: p.userId,
  label: p.displayName || p.email,
});

/** Triage by people: reading, transitions (DESIGN §7), assignment, comments, bulk actions. */
@Injectable()
export class IncidentsService {
  constructor(
    private readonly repo: IncidentsRepository,
    private readonly writer: IncidentWriter,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly events: EventBus,
    private readonly clock: Clock,
    private readonly db: Db,
  ) {}

  async list(q: IncidentListQueryDto, p: Principal): Promise<IncidentListResponse> {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    const from = q.from ? new Date(q.from) : undefined;
    const to = q.to ? new Date(q.to) : undefined;
    if (from && to && from >= to) throw new InvalidInputError('from must be before to');
    const f: IncidentFilter = {
      statuses: q.status?.split(',') as IncidentStatus[] | undefined,
      severities: q.severity?.split(',') as Severity[] | undefined,
      datasetId: q.datasetId,
      ruleId: q.ruleId,
      assigneeId: q.assigneeId === 'none' ? null : q.assigneeId === 'me' ? p.userId : q.assigneeId,
      breached: q.breached,
      flapping: q.flapping,
      from,
      to,
      q: q.q?.trim() || undefined,
    };
    const { rows, total, counts } = await this.repo.list(f, q.sort ?? '-openedAt', page, pageSize);
    return { items: rows.map(toIncidentDto), total, page, pageSize, counts };
  }

  /** Active Admins and DataEngineers, by name (the assignee picker; ids in incidents map to these). */
  async assignees(): Promise<IncidentAssigneeDto[]> {
    const out: IncidentAssigneeDto[] = [];
    for (const role of [Roles.Admin, Roles.DataEngineer] as const) {
      const page = await this.users.list({ role, active: true, page: 1, pageSize: 200 });
      for (const u of page.items) out.push({ id: u.id, displayName: u.displayName, role });
    }
    return out.sort((a, b) => a.displayName.localeCompare(b.displayName) || a.id.localeCompare(b.id));
  }

  async find(id: string): Promise<Incident> {
    const i = await this.repo.incidents.findOneBy({ id });
    if (!i) throw new NotFoundError('Incident', id);
    return i;
  }

  async detail(id: string, p: Principal): Promise<IncidentDetailDto> {
    const i = await this.find(id);
    const { events, total } = await this.repo.latestEvents(id, TIMELINE_IN_DETAIL);
    const allowed: IncidentStatus[] =
      p.role === Roles.Analyst
        ? []
        : [...INCIDENT_TRANSITIONS[i.status], ...(i.status === 'MUTED' ? ['MUTED' as const] : [])];
    return {
      ...toIncidentDto(i),
      allowedTransitions: allowed,
      acknowledgedBy: i.acknowledgedBy,
      resolvedBy: i.resolvedBy,
      mutedBy: i.mutedBy,
      timeline: events.map(toIncidentEventDto),
      timelineTotal: total,
    };
  }

  async timeline(id: string, q: PageQueryDto): Promise<Paged<IncidentEventDto>> {
    await this.find(id);
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    const [rows, total] = await this.repo.timeline(id, page, pageSize);
    return { items: rows.map(toIncidentEventDto), total, page, pageSize };
  }

  /** PATCH: a status change (checked against the transition table) and/or a new assignee. */
  async update(id: string, dto: UpdateIncidentDto, p: Principal): Promise<IncidentDto> {
    const now = this.clock.now();
    const until = this.checkRequest(dto, now);
    if (dto.assigneeId) await this.assertAssignable(dto.assigneeId);
    const actor = actorOf(p);
    const found = await this.find(id);
    const result = await this.writer.inRuleTx(found.ruleId, async (em, fx) => {
      const i = await em.getRepository(Incident).findOneByOrFail({ id });
      const before = toIncidentDto(i);
      const done: string[] = [];
      if (dto.status !== undefined) {
        assertTransition(i.status, dto.status);
        await this.transition(em, fx, i, dto.status, actor, now, {
          until,
          note: dto.note?.trim() || null,
          dto,
        });
        done.push(VERB[dto.status]);
      }
      if (dto.assigneeId !== undefined && dto.assigneeId !== i.assigneeId) {
        if (i.status === 'RESOLVED') {
          throw new ConflictError('A resolved incident cannot be reassigned; allowed from RESOLVED: none', {
            from: 'RESOLVED',
            allowed: [],
          });
        }
        const from = i.assigneeId;
        i.assigneeId = dto.assigneeId;
        await this.writer.event(em, i, 'assigned', actor, now, {
          body: dto.status === undefined ? dto.note?.trim() || null : null,
          data: { from, to: dto.assigneeId },
        });
        done.push('assign');
      }
      if (done.length === 0) return { incident: i, before, done };
      await this.writer.save(em, i, now, fx);
      return { incident: i, before, done };
    });
    if (result.done.length) {
      const after = toIncidentDto(result.incident);
      await this.audit.record({
        action: `incident.${result.done[0]}`,
        entityType: 'incident',
        entityId: id,
        summary: `${result.done.join(' and ')}: incident "${after.title}"`,
        changes: { before: pick(result.before, after), after: pick(after, result.before) },
      });
    }
    return toIncidentDto(result.incident);
  }

  private async transition(
    em: EntityManager,
    fx: Effects,
    i: Incident,
    to: IncidentStatus,
    actor: Actor,
    now: Date,
    o: { until: Date | null; note: string | null; dto: UpdateIncidentDto },
  ): Promise<void> {
    const from = i.status;
    if (from === 'OPEN' || from === 'ACKNOWLEDGED') await this.writer.catchUpBreaches(em, i, now, fx);
    i.status = to;
    switch (to) {
      case 'ACKNOWLEDGED':
        i.acknowledgedAt = now;
        i.acknowledgedBy = actor.id;
        await this.writer.event(em, i, 'acknowledged', actor, now, { from, to, body: o.note });
        return;
      case 'MUTED':
        i.mutedAt = now;
        i.mutedBy = actor.id;
        i.mutedUntil = o.until;
        await this.writer.event(em, i, 'muted', actor, now, {
          from,
          to,
          body: o.note,
          data: { until: o.until?.toISOString() ?? null },
        });
        return;
      case 'OPEN':
        i.mutedUntil = null;
        await this.writer.event(em, i, 'unmuted', actor, now, { from, to, body: o.note });
        return;
      case 'RESOLVED':
        i.resolvedAt = now;
        i.resolvedBy = actor.id;
        i.resolutionReason = o.dto.resolutionReason ?? 'other';
        i.resolutionNote = o.note;
        await this.writer.event(em, i, 'resolved', actor, now, {
          from,
          to,
          body: o.note,
          data: { reason: i.resolutionReason },
        });
        await this.writer.notify(em, i, 'resolved', { resolvedBy: actor.label }, now, fx);
        return;
    }
  }

  /** Field combinations that make no sense are refused before anything is read. */
  private checkRequest(dto: UpdateIncidentDto, now: Date): Date | null {
    if (dto.status === undefined && dto.assigneeId === undefined) {
      throw new InvalidInputError(
        dto.note !== undefined
          ? 'A note goes with a status or assignee change; post remarks to /api/incidents/{id}/comments'
          : 'Nothing to change: give status and/or assigneeId',
      );
    }
    if (dto.mutedUntil !== undefined && dto.mutedUntil !== null && dto.status !== 'MUTED') {
      throw new InvalidInputError('mutedUntil goes with status MUTED');
    }
    if (dto.resolutionReason !== undefined && dto.status !== 'RESOLVED') {
      throw new InvalidInputError('resolutionReason goes with status RESOLVED');
    }
    if (dto.status === 'RESOLVED') {
      if (!dto.resolutionReason) {
        throw new InvalidInputError(
          'Resolving needs resolutionReason: fixed, expected_change, false_positive, duplicate or other',
        );
      }
      if (!dto.note?.trim()) throw new InvalidInputError('Resolving needs a note saying what was done');
    }
    if (dto.status !== 'MUTED' || !dto.mutedUntil) return null;
    const until = new Date(dto.mutedUntil);
    if (until.getTime() <= now.getTime()) {
      throw new InvalidInputError(`mutedUntil must be in the future (now is ${now.toISOString()})`);
    }
    if (until.getTime() - now.getTime() > MAX_MUTE_MS) {
      throw new InvalidInputError('mutedUntil must be within a year; mute without an end instead');
    }
    return until;
  }

  /** Incidents go to people who can act on them: active Admins and DataEngineers. */
  private async assertAssignable(userId: string): Promise<void> {
    let u;
    try {
      u = await this.users.get(userId);
    } catch (e) {
      if (e instanceof NotFoundError) throw new InvalidInputError(`assigneeId: no user ${userId}`);
      throw e;
    }
    if (!u.active) throw new InvalidInputError(`assigneeId: ${u.email} is deactivated`);
    if (u.role === Roles.Analyst) {
      throw new InvalidInputError(
        `assigneeId: ${u.email} is an Analyst (read-only); assign an Admin or DataEngineer`,
      );
    }
  }

  async comment(id: string, body: string, p: Principal): Promise<IncidentEventDto> {
    const i = await this.find(id);
    const e = await this.db.transaction((em) =>
      this.writer.event(em, i, 'comment', actorOf(p), this.clock.now(), { body: body.trim() }),
    );
    await this.audit.record({
      action: 'incident.comment',
      entityType: 'incident',
      entityId: id,
      summary: `Commented on incident "${i.title}"`,
      changes: { eventId: e.id, length: body.length },
    });
    this.events.publish({
      type: 'incident.updated',
      data: toIncidentDto(i) as unknown as Record<string, unknown>,
    });
    return toIncidentEventDto(e);
  }

  /** The triage view's bulk action: each incident on its own, with its own answer. */
  async bulk(dto: BulkIncidentDto, p: Principal): Promise<BulkIncidentResponse> {
    const patch = bulkPatch(dto);
    // Problems of the request itself answer 400 once, instead of once per incident.
    this.checkRequest(patch, this.clock.now());
    if (patch.assigneeId) await this.assertAssignable(patch.assigneeId);
    const results: BulkIncidentResult[] = [];
    for (const id of dto.ids) {
      try {
        results.push({ id, ok: true, statusCode: 200, incident: await this.update(id, patch, p) });
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        results.push({ id, ok: false, statusCode: e.status, error: e.message });
      }
    }
    const succeeded = results.filter((r) => r.ok).length;
    return { results, succeeded, failed: results.length - succeeded };
  }
}

function bulkPatch(dto: BulkIncidentDto): UpdateIncidentDto {
  const note = dto.note;
  switch (dto.action) {
    case 'acknowledge':
      return { status: 'ACKNOWLEDGED', note };
    case 'mute':
      return { status: 'MUTED', mutedUntil: dto.mutedUntil, note };
    case 'unmute':
      return { status: 'OPEN', note };
    case 'resolve':
      return { status: 'RESOLVED', resolutionReason: dto.resolutionReason, note };
    case 'assign':
      if (dto.assigneeId === undefined)
        throw new InvalidInputError('assign needs assigneeId (null to unassign)');
      return { assigneeId: dto.assigneeId, note };
  }
}

/** The fields of `a` that differ from `b` (audit before/after). */
function pick(a: IncidentDto, b: IncidentDto): Partial<IncidentDto> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(a) as (keyof IncidentDto)[])
    if (a[k] !== b[k] && k !== 'updatedAt') out[k] = a[k];
  return out as Partial<IncidentDto>;
}
