import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, IsNull, LessThanOrEqual, type Repository } from 'typeorm';
import { Clock } from '../clock';
import { IncidentRunsService } from '../incident-runs.service';
import { Incident } from '../incident.entity';
import { IncidentWriter, SYSTEM } from '../incident-writer';
import { DeliveryService } from '../notifications/delivery.service';
import { RunOutcomeRecord } from '../run-outcome.entity';

export interface SlaCheckResult {
  ackBreaches: number;
  resolveBreaches: number;
  reopened: number;
  resolved: number;
  recoveredDeliveries: number;
}

const BATCH = 500;

/**
 * The minute check (`maintenance:sla-check`): records each SLA breach once and notifies once, ends
 * expired mutes (reopen if the rule still fails, resolve if it passes), and requeues lost deliveries.
 * Every change re-reads the incident under the rule's lock, so overlapping checks can't double anything.
 */
@Injectable()
export class SlaCheckService {
  private readonly logger = new Logger(SlaCheckService.name);

  constructor(
    @InjectRepository(Incident) private readonly incidents: Repository<Incident>,
    private readonly writer: IncidentWriter,
    private readonly runs: IncidentRunsService,
    private readonly deliveries: DeliveryService,
    private readonly clock: Clock,
  ) {}

  async run(now: Date = this.clock.now()): Promise<SlaCheckResult> {
    const result: SlaCheckResult = {
      ackBreaches: 0,
      resolveBreaches: 0,
      reopened: 0,
      resolved: 0,
      recoveredDeliveries: 0,
    };
    const ack = await this.incidents.find({
      select: { id: true, ruleId: true },
      where: {
        status: 'OPEN',
        acknowledgedAt: IsNull(),
        slaAckBreachedAt: IsNull(),
        slaAckDueAt: LessThanOrEqual(now),
      },
      take: BATCH,
    });
    for (const c of ack) if (await this.breach(c, 'ack', now)) result.ackBreaches += 1;
    const resolve = await this.incidents.find({
      select: { id: true, ruleId: true },
      where: {
        status: In(['OPEN', 'ACKNOWLEDGED']),
        slaResolveBreachedAt: IsNull(),
        slaResolveDueAt: LessThanOrEqual(now),
      },
      take: BATCH,
    });
    for (const c of resolve) if (await this.breach(c, 'resolve', now)) result.resolveBreaches += 1;
    const expired = await this.incidents.find({
      select: { id: true, ruleId: true },
      where: { status: 'MUTED', mutedUntil: LessThanOrEqual(now) },
      take: BATCH,
    });
    for (const c of expired) {
      const r = await this.expireMute(c, now);
      if (r === 'reopened') result.reopened += 1;
      if (r === 'resolved') result.resolved += 1;
    }
    result.recoveredDeliveries = await this.deliveries.recoverStuck(now);
    if (result.ackBreaches + result.resolveBreaches + result.reopened + result.resolved > 0) {
      this.logger.log(`SLA check: ${JSON.stringify(result)}`);
    }
    return result;
  }

  private breach(c: Pick<Incident, 'id' | 'ruleId'>, kind: 'ack' | 'resolve', now: Date): Promise<boolean> {
    return this.writer.inRuleTx(c.ruleId, async (em, fx) => {
      const i = await em.getRepository(Incident).findOneBy({ id: c.id });
      if (!i) return false;
      const due = kind === 'ack' ? i.slaAckDueAt : i.slaResolveDueAt;
      const applies =
        kind === 'ack'
          ? i.status === 'OPEN' && !i.acknowledgedAt && !i.mutedAt && !i.slaAckBreachedAt
          : (i.status === 'OPEN' || i.status === 'ACKNOWLEDGED') && !i.slaResolveBreachedAt;
      if (!applies || !due || due > now) return false;
      const minutes = Math.round((due.getTime() - i.openedAt.getTime()) / 60_000);
      const recorded = await this.writer.breach(em, i, kind, now, fx, { notify: true, minutes });
      if (recorded) await this.writer.save(em, i, now, fx);
      return recorded;
    });
  }

  private expireMute(
    c: Pick<Incident, 'id' | 'ruleId'>,
    now: Date,
  ): Promise<'reopened' | 'resolved' | 'none'> {
    return this.writer.inRuleTx(c.ruleId, async (em, fx) => {
      const i = await em.getRepository(Incident).findOneBy({ id: c.id });
      if (!i || i.status !== 'MUTED' || !i.mutedUntil || i.mutedUntil > now) return 'none';
      const [latest] = await em.getRepository(RunOutcomeRecord).find({
        where: { ruleId: i.ruleId, status: In(['passed', 'failed']) },
        order: { finishedAt: 'DESC', runId: 'DESC' },
        take: 1,
      });
      const until = i.mutedUntil;
      if (latest?.status === 'passed') {
        i.mutedUntil = null;
        await this.runs.resolveAsSystem(
          em,
          fx,
          i,
          now,
          `Mute expired and the rule passes (run ${latest.runId}).`,
          latest.runId,
        );
        return 'resolved';
      }
      i.status = 'OPEN';
      i.mutedUntil = null;
      await this.writer.event(em, i, 'reopened', SYSTEM, now, {
        from: 'MUTED',
        to: 'OPEN',
        body: 'Mute expired; the rule still fails.',
        data: { mutedUntil: until.toISOString() },
      });
      await this.writer.notify(em, i, 'reopened', { reason: 'mute expired, the rule still fails' }, now, fx);
      await this.writer.save(em, i, now, fx);
      this.writer.auditLater(
        fx,
        i,
        SYSTEM,
        'incident.reopen',
        `Reopened incident "${i.title}": mute expired, the rule still fails`,
        {
          from: 'MUTED',
          to: 'OPEN',
          mutedUntil: until,
        },
      );
      return 'reopened';
    });
  }
}
