import { Roles } from '@dqw/shared-types';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { In, type EntityManager } from 'typeorm';
import { NotFoundError } from '../../core/http/domain-errors';
import { RunOutcomeHooks, type RunOutcome } from '../rules/runs/run-outcome-hooks';
import { UsersService } from '../users/users.service';
import { Clock } from './clock';
import type { Effects } from './effects';
import { FLAP_WINDOW, isFlapping } from './flapping';
import { Incident } from './incident.entity';
import { ACTIVE_STATUSES, SEVERITY_RANK } from './incident-state';
import { IncidentWriter, SYSTEM } from './incident-writer';
import { RunOutcomeRecord, type OutcomeStatus } from './run-outcome.entity';
import { SlaService } from './sla/sla.service';

/** What handling one run did (tests and logs read it). */
export type OutcomeEffect =
  | 'duplicate'
  | 'ignored'
  | 'stale'
  | 'opened'
  | 'attached'
  | 'attached-muted'
  | 'resolved'
  | 'kept-open-flapping'
  | 'kept-muted'
  | 'none';

/**
 * Turns finished runs into incidents (DESIGN §7): a failing run attaches to the rule's live incident
 * or opens one; a passing run resolves it as the system unless the rule flaps; an ERROR run says
 * nothing about the data and changes nothing. Idempotent per run id (the outcome row is its key).
 */
@Injectable()
export class IncidentRunsService implements OnModuleInit {
  constructor(
    private readonly hooks: RunOutcomeHooks,
    private readonly writer: IncidentWriter,
    private readonly sla: SlaService,
    private readonly users: UsersService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.hooks.register('incidents', (o) => this.handle(o).then(() => undefined));
  }

  async handle(o: RunOutcome): Promise<OutcomeEffect> {
    const status = o.run.status;
    if (status !== 'passed' && status !== 'failed' && status !== 'error') return 'ignored';
    const owner = status === 'failed' ? await this.eligibleAssignee(o.rule.ownerId) : null;
    return this.writer.inRuleTx(o.rule.id, (em, fx) => this.apply(em, fx, o, status, owner));
  }

  private async apply(
    em: EntityManager,
    fx: Effects,
    o: RunOutcome,
    status: OutcomeStatus,
    owner: string | null,
  ): Promise<OutcomeEffect> {
    const outcomes = em.getRepository(RunOutcomeRecord);
    if (await outcomes.existsBy({ runId: o.run.id })) return 'duplicate';
    const now = this.clock.now();
    const finishedAt = o.run.finishedAt ? new Date(o.run.finishedAt) : now;
    const record = outcomes.create({
      runId: o.run.id,
      ruleId: o.rule.id,
      status,
      finishedAt,
      incidentId: null,
      handledAt: now,
    });
    await outcomes.insert(record);
    if (status === 'error') return 'none';

    // A run that finished before one already handled (a retry, a slower worker) is history: it may
    // still count as an occurrence of the live incident, but never opens, resolves or reopens anything.
    const newer = await outcomes
      .createQueryBuilder('o')
      .where('o.ruleId = :rule AND o.status IN (:...st) AND o.finishedAt > :at', {
        rule: o.rule.id,
        st: ['passed', 'failed'],
        at: finishedAt,
      })
      .getCount();
    const stale = newer > 0;

    const history = await outcomes.find({
      where: { ruleId: o.rule.id, status: In(['passed', 'failed']) },
      order: { finishedAt: 'DESC', runId: 'DESC' },
      take: FLAP_WINDOW,
    });
    const flap = isFlapping(history.reverse().map((h) => h.status as 'passed' | 'failed'));
    const incident = await em
      .getRepository(Incident)
      .findOneBy({ ruleId: o.rule.id, status: In([...ACTIVE_STATUSES]) });

    let effect: OutcomeEffect;
    if (stale && !(status === 'failed' && incident)) {
      effect = 'stale';
    } else if (status === 'failed') {
      if (incident) effect = await this.attach(em, fx, incident, o, now, flap, !stale);
      else if (o.rule.deleted) effect = 'none';
      else effect = await this.open(em, fx, o, now, flap, owner);
    } else {
      effect = incident ? await this.passed(em, fx, incident, o, now, flap) : 'none';
    }
    const touched = fx.incidents.values().next().value as Incident | undefined;
    if (touched) await outcomes.update({ runId: o.run.id }, { incidentId: touched.id });
    return effect;
  }

  private async open(
    em: EntityManager,
    fx: Effects,
    o: RunOutcome,
    now: Date,
    flap: { flapping: boolean; changes: number },
    assignee: string | null,
  ): Promise<OutcomeEffect> {
    const due = await this.sla.dueTimes(em, o.rule.severity, now);
    const i = em.getRepository(Incident).create({
      id: randomUUID(),
      ruleId: o.rule.id,
      datasetId: o.rule.datasetId,
      ruleName: o.rule.name.slice(0, 200),
      severity: o.rule.severity,
      severityRank: SEVERITY_RANK[o.rule.severity],
      status: 'OPEN',
      title: `${o.rule.name} is failing`.slice(0, 300),
      occurrences: 1,
      assigneeId: assignee,
      firstRunId: o.run.id,
      lastRunId: o.run.id,
      lastEvidenceRunId: o.run.id,
      openedAt: now,
      lastOccurrenceAt: now,
      acknowledgedAt: null,
      acknowledgedBy: null,
      mutedAt: null,
      mutedBy: null,
      mutedUntil: null,
      resolvedAt: null,
      resolvedBy: null,
      resolutionReason: null,
      resolutionNote: null,
      slaAckDueAt: due.ackDueAt,
      slaResolveDueAt: due.resolveDueAt,
      slaAckBreachedAt: null,
      slaResolveBreachedAt: null,
      slaBreachedAt: null,
      slaNextDueAt: null,
      flapping: flap.flapping,
      notifySeq: 0,
      updatedAt: now,
    });
    // Insert first: the unique index refuses a second live incident of the rule before anything else is written.
    await this.writer.save(em, i, now, fx);
    await this.writer.event(em, i, 'opened', SYSTEM, now, {
      to: 'OPEN',
      runId: o.run.id,
      data: { failedCount: o.run.failedCount, rowsChecked: o.run.rowsChecked, assigneeId: assignee },
    });
    if (flap.flapping)
      await this.writer.event(em, i, 'flapping', SYSTEM, now, {
        data: { flapping: true, changes: flap.changes },
      });
    await this.writer.notify(em, i, 'opened', {}, now, fx);
    await this.writer.save(em, i, now, fx);
    this.writer.auditLater(
      fx,
      i,
      SYSTEM,
      'incident.open',
      `Opened incident "${i.title}" (run ${o.run.id} failed)`,
      {
        ruleId: i.ruleId,
        runId: o.run.id,
        severity: i.severity,
        assigneeId: assignee,
      },
    );
    return 'opened';
  }

  private async attach(
    em: EntityManager,
    fx: Effects,
    i: Incident,
    o: RunOutcome,
    now: Date,
    flap: { flapping: boolean; changes: number },
    latest: boolean,
  ): Promise<OutcomeEffect> {
    const muted = i.status === 'MUTED';
    i.occurrences += 1;
    // The latest run and its evidence stay the newest ones even when an older run is counted late.
    if (latest) {
      i.lastRunId = o.run.id;
      i.lastEvidenceRunId = o.run.id;
      i.lastOccurrenceAt = now;
    }
    await this.writer.event(em, i, 'occurrence', SYSTEM, now, {
      runId: o.run.id,
      data: { occurrences: i.occurrences, failedCount: o.run.failedCount, silent: muted },
    });
    if (latest) await this.markFlapping(em, fx, i, now, flap);
    if (SEVERITY_RANK[o.rule.severity] > SEVERITY_RANK[i.severity]) {
      const from = i.severity;
      i.severity = o.rule.severity;
      // The stricter policy applies from the opening; a deadline already given is never pushed back.
      const due = await this.sla.dueTimes(em, i.severity, i.openedAt);
      if (!i.slaAckDueAt || due.ackDueAt < i.slaAckDueAt) i.slaAckDueAt = due.ackDueAt;
      if (!i.slaResolveDueAt || due.resolveDueAt < i.slaResolveDueAt) i.slaResolveDueAt = due.resolveDueAt;
      await this.writer.event(em, i, 'severity_raised', SYSTEM, now, {
        runId: o.run.id,
        data: { from, to: i.severity },
      });
      this.writer.auditLater(
        fx,
        i,
        SYSTEM,
        'incident.severity_raise',
        `Raised incident "${i.title}" from ${from} to ${i.severity}`,
        {
          from,
          to: i.severity,
        },
      );
      if (!muted) await this.writer.notify(em, i, 'severity_raised', { previousSeverity: from }, now, fx);
    }
    await this.writer.save(em, i, now, fx);
    return muted ? 'attached-muted' : 'attached';
  }

  private async passed(
    em: EntityManager,
    fx: Effects,
    i: Incident,
    o: RunOutcome,
    now: Date,
    flap: { flapping: boolean; changes: number },
  ): Promise<OutcomeEffect> {
    i.lastRunId = o.run.id;
    // A mute is a decision by a person: it ends by unmuting or on expiry (see the SLA check).
    if (i.status === 'MUTED') {
      await this.writer.save(em, i, now, fx);
      return 'kept-muted';
    }
    await this.markFlapping(em, fx, i, now, flap);
    if (flap.flapping) {
      await this.writer.save(em, i, now, fx);
      return 'kept-open-flapping';
    }
    await this.resolveAsSystem(em, fx, i, now, `Resolved automatically: run ${o.run.id} passed.`, o.run.id);
    return 'resolved';
  }

  /** Resolves as the system (reason `fixed`) and notifies; used by passing runs and expired mutes. */
  async resolveAsSystem(
    em: EntityManager,
    fx: Effects,
    i: Incident,
    now: Date,
    note: string,
    runId: string | null,
  ): Promise<void> {
    await this.writer.catchUpBreaches(em, i, now, fx);
    const from = i.status;
    i.status = 'RESOLVED';
    i.resolvedAt = now;
    i.resolvedBy = null;
    i.resolutionReason = 'fixed';
    i.resolutionNote = note;
    await this.writer.event(em, i, 'resolved', SYSTEM, now, {
      from,
      to: 'RESOLVED',
      runId,
      body: note,
      data: { reason: 'fixed' },
    });
    await this.writer.notify(em, i, 'resolved', {}, now, fx);
    await this.writer.save(em, i, now, fx);
    this.writer.auditLater(
      fx,
      i,
      SYSTEM,
      'incident.resolve',
      `Resolved incident "${i.title}" automatically`,
      {
        from,
        to: 'RESOLVED',
        reason: 'fixed',
        runId,
      },
    );
  }

  private async markFlapping(
    em: EntityManager,
    fx: Effects,
    i: Incident,
    now: Date,
    flap: { flapping: boolean; changes: number },
  ): Promise<void> {
    if (flap.flapping === i.flapping) return;
    i.flapping = flap.flapping;
    await this.writer.event(em, i, 'flapping', SYSTEM, now, {
      data: { flapping: flap.flapping, changes: flap.changes },
    });
    this.writer.auditLater(
      fx,
      i,
      SYSTEM,
      'incident.flapping',
      flap.flapping
        ? `Incident "${i.title}" marked flapping (${flap.changes} pass/fail changes in the last ${FLAP_WINDOW} runs)`
        : `Incident "${i.title}" no longer flapping`,
      flap,
    );
  }

  /** The rule's owner, when they can take incidents (an active Admin or DataEngineer). */
  private async eligibleAssignee(ownerId: string | null): Promise<string | null> {
    if (!ownerId) return null;
    try {
      const u = await this.users.get(ownerId);
      return u.active && u.role !== Roles.Analyst ? u.id : null;
    } catch (e) {
      if (e instanceof NotFoundError) return null;
      throw e;
    }
  }
}
