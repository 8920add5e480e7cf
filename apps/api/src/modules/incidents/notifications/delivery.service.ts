import type { NotificationPayload } from '@dqw/shared-types';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, LessThan, type Repository } from 'typeorm';
import type { AppConfig } from '../../../core/config/config';
import { InjectConfig } from '../../../core/config/config.module';
import { Db } from '../../../core/database/db.service';
import { JobQueue, PermanentJobError } from '../../../core/queue';
import { Encryptor } from '../../../core/storage/encryption';
import { Clock } from '../clock';
import { resolveChannel } from './channel.mapper';
import { NotificationAttempt } from './notification-attempt.entity';
import { NotificationChannel } from './notification-channel.entity';
import { NotificationDelivery } from './notification-delivery.entity';
import { Senders } from './senders/senders';
import type { SendResult } from './senders/sender';

/** A delivery left pending this long without a job working on it is queued again by the SLA check. */
const RECOVER_AFTER_MS = 5 * 60_000;

/**
 * Sends deliveries. A delivery is claimed by one conditional UPDATE, so two workers (or a retried job)
 * never send it at the same time, and a sent one is never sent again. Each try is logged as an attempt.
 */
@Injectable()
export class DeliveryService {
  private readonly logger = new Logger(DeliveryService.name);

  constructor(
    @InjectRepository(NotificationDelivery) private readonly deliveries: Repository<NotificationDelivery>,
    @InjectRepository(NotificationAttempt) private readonly attempts: Repository<NotificationAttempt>,
    @InjectRepository(NotificationChannel) private readonly channels: Repository<NotificationChannel>,
    @InjectConfig() private readonly config: AppConfig,
    private readonly senders: Senders,
    private readonly enc: Encryptor,
    private readonly clock: Clock,
    private readonly queue: JobQueue,
    private readonly db: Db,
  ) {}

  /** A crashed sender's claim expires after this; generous so a slow but live send is never doubled. */
  private get leaseMs(): number {
    return 2 * this.config.notifications.timeoutMs + 60_000;
  }

  /** Queues a delivery. `round` distinguishes a recovery from the first enqueue (job ids collapse). */
  async enqueue(deliveryId: string, round = 0): Promise<void> {
    const { maxAttempts, backoffMs } = this.config.notifications;
    await this.queue.enqueue(
      'notifications',
      'deliver',
      { deliveryId },
      { jobId: `deliver:${deliveryId}:${round}`, attempts: maxAttempts, backoffMs },
    );
  }

  /** Enqueues after a commit; a lost enqueue (Redis down) is picked up by `recoverStuck`. */
  async enqueueAll(ids: readonly string[]): Promise<void> {
    for (const id of ids) {
      await this.enqueue(id).catch((e: unknown) =>
        this.logger.warn(`delivery ${id} not queued (will be recovered): ${String(e)}`),
      );
    }
  }

  /**
   * The `notifications:deliver` job. Returns without sending when the delivery is already sent, failed
   * or being sent by someone else; throws to have the queue retry (with backoff) after a failed try.
   */
  async deliver(deliveryId: string): Promise<NotificationDelivery['status'] | 'skipped'> {
    const now = this.clock.now();
    // Writes go through Db.transaction: on SQLite it keeps them out of other requests' transactions.
    const claim = await this.db.transaction((em) =>
      em
        .createQueryBuilder()
        .update(NotificationDelivery)
        .set({ status: 'sending', claimedAt: now, updatedAt: now })
        .where('id = :id', { id: deliveryId })
        .andWhere(`(status = 'pending' OR (status = 'sending' AND claimed_at < :stale))`, {
          stale: new Date(now.getTime() - this.leaseMs),
        })
        .execute(),
    );
    if (!claim.affected) return 'skipped';
    const d = await this.deliveries.findOneByOrFail({ id: deliveryId });
    const channel = await this.channels.findOneBy({ id: d.channelId });
    const result: SendResult =
      !channel || !channel.enabled
        ? {
            ok: false,
            statusCode: null,
            error: 'The channel was disabled before sending',
            permanent: true,
            durationMs: 0,
          }
        : await this.senders
            .for(channel.type)
            .send(
              resolveChannel(channel, this.enc),
              JSON.parse(d.payload) as NotificationPayload,
              d.payload,
              d.id,
            );
    const status = await this.record(d, result);
    if (status === 'pending') throw new Error(`Delivery ${d.id} failed, will retry: ${result.error ?? ''}`);
    if (status === 'failed')
      throw new PermanentJobError(`Delivery ${d.id} failed for good: ${result.error ?? ''}`);
    return status;
  }

  /** Logs the attempt and moves the delivery on: sent, pending (another try) or failed. */
  async record(d: NotificationDelivery, r: SendResult): Promise<NotificationDelivery['status']> {
    const attempt = d.attempts + 1;
    const at = this.clock.now();
    const status = r.ok
      ? 'sent'
      : r.permanent || attempt >= this.config.notifications.maxAttempts
        ? 'failed'
        : 'pending';
    await this.db.transaction(async (em) => {
      await em.getRepository(NotificationAttempt).insert({
        deliveryId: d.id,
        attempt,
        at,
        ok: r.ok,
        statusCode: r.statusCode,
        error: r.error,
        durationMs: Math.max(0, Math.round(r.durationMs)),
      });
      await em
        .getRepository(NotificationDelivery)
        .update(
          { id: d.id },
          { attempts: attempt, status, claimedAt: null, updatedAt: at, sentAt: r.ok ? at : null },
        );
    });
    if (!r.ok) this.logger.warn(`delivery ${d.id} (${d.key}) attempt ${attempt}: ${r.error ?? 'failed'}`);
    return status;
  }

  /** Queues again what no job is working on: pending deliveries whose enqueue was lost, expired claims. */
  async recoverStuck(now: Date): Promise<number> {
    const before = new Date(now.getTime() - RECOVER_AFTER_MS);
    const stuck = await this.deliveries.find({
      select: { id: true, attempts: true },
      where: [
        { status: 'pending', updatedAt: LessThan(before) },
        { status: 'sending', claimedAt: LessThan(new Date(now.getTime() - this.leaseMs)) },
      ],
      take: 500,
    });
    for (const d of stuck) {
      // A fresh job id per recovery: the earlier job may still be remembered as finished by the queue.
      await this.enqueue(d.id, Math.floor(before.getTime() / RECOVER_AFTER_MS)).catch(() => undefined);
    }
    return stuck.length;
  }

  async attemptsOf(ids: string[]): Promise<Map<string, NotificationAttempt[]>> {
    const rows = ids.length
      ? await this.attempts.find({ where: { deliveryId: In(ids) }, order: { attempt: 'ASC' } })
      : [];
    const map = new Map<string, NotificationAttempt[]>();
    for (const r of rows) map.set(r.deliveryId, [...(map.get(r.deliveryId) ?? []), r]);
    return map;
  }
}
