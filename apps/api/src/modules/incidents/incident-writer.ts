import type { IncidentEventType, IncidentStatus, NotificationEvent } from '@dqw/shared-types';
import { Injectable, Logger } from '@nestjs/common';
import { QueryFailedError, type EntityManager } from 'typeorm';
import { Db } from '../../core/database/db.service';
import { EventBus } from '../../core/events';
import { AuditService, SYSTEM_ACTOR, type AuditActor } from '../audit/audit.service';
import { Effects } from './effects';
import { IncidentEvent } from './incident-event.entity';
import { Incident } from './incident.entity';
import { SEVERITY_RANK } from './incident-state';
import { toIncidentDto } from './incident.mapper';
import { DeliveryService } from './notifications/delivery.service';
import { Notifier } from './notifications/notifier.service';
import type { NotificationFacts } from './notifications/payload';

/** Who did something to an incident: a user, or Watchtower itself. */
export interface Actor {
  type: 'user' | 'system';
  id: string | null;
  label: string;
}

export const SYSTEM: Actor = { type: 'system', id: null, label: 'system' };

const auditActor = (a: Actor): AuditActor | undefined => (a.type === 'system' ? SYSTEM_ACTOR : undefined);

export interface EventFields {
  from?: IncidentStatus | null;
  to?: IncidentStatus | null;
  runId?: string | null;
  body?: string | null;
  data?: Record<string, unknown> | null;
}

function isUniqueViolation(e: unknown): boolean {
  if (!(e instanceof QueryFailedError)) return false;
  const code = (e.driverError as { code?: string } | undefined)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * The one way incidents change: a transaction that holds the rule's lock, timeline events and
 * notifications written in it, and the side effects (audit, live events, queued deliveries) after it.
 */
@Injectable()
export class IncidentWriter {
  private readonly logger = new Logger(IncidentWriter.name);

  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly events: EventBus,
    private readonly notifier: Notifier,
    private readonly deliveries: DeliveryService,
  ) {}

  /**
   * Runs `fn` in a transaction serialized per rule (an advisory lock on PostgreSQL across processes; the
   * write queue on SQLite), so two runs of one rule finishing together are applied one after the other.
   * A unique violation (the active-incident index, a duplicated outcome) retries the whole transaction,
   * which then sees the winner's row.
   */
  async inRuleTx<T>(ruleId: string, fn: (em: EntityManager, fx: Effects) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const fx = new Effects();
      try {
        const result = await this.db.transaction(async (em) => {
          if (this.db.dialect === 'postgres') {
            await em.query(
              `SELECT pg_advisory_xact_lock(hashtext('dqw_incident:' || current_schema() || ':' || $1))`,
              [ruleId],
            );
          }
          return fn(em, fx);
        });
        await this.flush(fx);
        return result;
      } catch (e) {
        if (attempt < 3 && isUniqueViolation(e)) continue;
        throw e;
      }
    }
  }

  /** Appends a timeline event. */
  async event(
    em: EntityManager,
    i: Incident,
    type: IncidentEventType,
    actor: Actor,
    at: Date,
    f: EventFields = {},
  ): Promise<IncidentEvent> {
    const e = em.getRepository(IncidentEvent).create({
      incidentId: i.id,
      type,
      at,
      actorType: actor.type,
      actorId: actor.id,
      actorLabel: actor.label.slice(0, 320),
      fromStatus: f.from ?? null,
      toStatus: f.to ?? null,
      runId: f.runId ?? null,
      body: f.body ?? null,
      data: f.data ? JSON.stringify(f.data) : null,
    });
    return em.getRepository(IncidentEvent).save(e);
  }

  /** Keeps the derived columns right and saves; marks the incident for the `incident.updated` event. */
  async save(em: EntityManager, i: Incident, at: Date, fx: Effects): Promise<Incident> {
    i.updatedAt = at;
    i.severityRank = SEVERITY_RANK[i.severity];
    i.slaNextDueAt = nextDue(i);
    const saved = await em.getRepository(Incident).save(i);
    fx.changed(saved);
    return saved;
  }

  /** Queues a notification for the change (no-op for channels that don't want it). */
  notify(
    em: EntityManager,
    i: Incident,
    event: NotificationEvent,
    facts: NotificationFacts,
    at: Date,
    fx: Effects,
  ): Promise<void> {
    i.updatedAt = at;
    i.slaNextDueAt = nextDue(i);
    return this.notifier.create(em, i, event, facts, at, fx);
  }

  auditLater(
    fx: Effects,
    i: Incident,
    actor: Actor,
    action: string,
    summary: string,
    changes?: unknown,
  ): void {
    fx.audits.push({
      action,
      entityType: 'incident',
      entityId: i.id,
      summary,
      changes,
      actor: auditActor(actor),
    });
  }

  /**
   * Records an SLA breach once: the mark on the incident, a timeline event and an audit entry, and,
   * when `notify`, one notification. Returns false when it was already recorded.
   */
  async breach(
    em: EntityManager,
    i: Incident,
    kind: 'ack' | 'resolve',
    at: Date,
    fx: Effects,
    opts: { notify: boolean; minutes: number },
  ): Promise<boolean> {
    const due = kind === 'ack' ? i.slaAckDueAt : i.slaResolveDueAt;
    if (!due) return false;
    if (kind === 'ack') {
      if (i.slaAckBreachedAt) return false;
      i.slaAckBreachedAt = due;
    } else {
      if (i.slaResolveBreachedAt) return false;
      i.slaResolveBreachedAt = due;
    }
    if (!i.slaBreachedAt || due < i.slaBreachedAt) i.slaBreachedAt = due;
    const what = kind === 'ack' ? 'acknowledged' : 'resolved';
    await this.event(em, i, 'sla_breached', SYSTEM, at, { data: { kind, dueAt: due.toISOString() } });
    this.auditLater(
      fx,
      i,
      SYSTEM,
      'incident.sla_breach',
      `SLA breached: incident "${i.title}" not ${what} by ${due.toISOString()}`,
      {
        kind,
        dueAt: due,
      },
    );
    if (opts.notify) {
      await this.notify(
        em,
        i,
        'breached',
        { breach: { kind, dueAt: due.toISOString(), minutes: opts.minutes } },
        at,
        fx,
      );
    }
    return true;
  }

  /**
   * The acknowledgement SLA ends with the first response (acknowledge or mute); the resolution SLA runs
   * while the incident is OPEN or ACKNOWLEDGED (a mute pauses its checks, not its deadline).
   * Breaches that are due but not yet recorded (the minute check hasn't run) are recorded before a
   * change that ends them, without a notification: the person acting already knows.
   */
  async catchUpBreaches(em: EntityManager, i: Incident, at: Date, fx: Effects): Promise<void> {
    if (i.status === 'OPEN' && !i.acknowledgedAt && !i.mutedAt && i.slaAckDueAt && i.slaAckDueAt <= at) {
      await this.breach(em, i, 'ack', at, fx, { notify: false, minutes: 0 });
    }
    if (
      (i.status === 'OPEN' || i.status === 'ACKNOWLEDGED') &&
      i.slaResolveDueAt &&
      i.slaResolveDueAt <= at
    ) {
      await this.breach(em, i, 'resolve', at, fx, { notify: false, minutes: 0 });
    }
  }

  /** After commit: audit entries, live events, deliveries. Failures are logged, never undo the change. */
  private async flush(fx: Effects): Promise<void> {
    for (const a of fx.audits) {
      await this.audit.record(a).catch((e: unknown) => this.logger.error(`audit entry lost: ${String(e)}`));
    }
    for (const i of fx.incidents.values()) {
      this.events.publish({
        type: 'incident.updated',
        data: toIncidentDto(i) as unknown as Record<string, unknown>,
      });
    }
    await this.deliveries.enqueueAll(fx.deliveries);
  }
}

/**
 * The SLA deadline that matters next: acknowledgement until someone responded (acknowledged or muted
 * it — either shows a person saw it), then resolution.
 */
export function nextDue(i: Incident): Date | null {
  if (i.status === 'OPEN' && !i.acknowledgedAt && !i.mutedAt && !i.slaAckBreachedAt && i.slaAckDueAt) {
    return i.slaAckDueAt;
  }
  if ((i.status === 'OPEN' || i.status === 'ACKNOWLEDGED') && !i.slaResolveBreachedAt)
    return i.slaResolveDueAt;
  return null;
}
