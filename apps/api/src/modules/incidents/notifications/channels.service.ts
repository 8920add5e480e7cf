import {
  NOTIFICATION_EVENTS,
  type CreatedNotificationChannelDto,
  type EmailChannelSettings,
  type NotificationChannelDto,
  type NotificationDeliveryDto,
  type Paged,
} from '@dqw/shared-types';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Repository } from 'typeorm';
import type { Principal } from '../../../core/auth/principal';
import { Db } from '../../../core/database/db.service';
import { InvalidInputError, NotFoundError } from '../../../core/http/domain-errors';
import type { PageQueryDto } from '../../../core/http/page-query.dto';
import { Encryptor } from '../../../core/storage/encryption';
import { AuditService } from '../../audit/audit.service';
import { Clock } from '../clock';
import { displayUrl, resolveChannel, toChannelDto, toDeliveryDto } from './channel.mapper';
import { DeliveryService } from './delivery.service';
import type { CreateChannelDto, EmailSettingsBody, UpdateChannelDto } from './dto/channel.dto';
import { NotificationChannel } from './notification-channel.entity';
import { NotificationDelivery } from './notification-delivery.entity';
import { testPayload } from './payload';
import { UnsafeTargetError } from './senders/outbound-guard';
import { Senders } from './senders/senders';

/** Notification channels (Admin): validation of targets, secrets encrypted at rest, delivery log, test send. */
@Injectable()
export class ChannelsService {
  constructor(
    @InjectRepository(NotificationChannel) private readonly channels: Repository<NotificationChannel>,
    @InjectRepository(NotificationDelivery) private readonly deliveries: Repository<NotificationDelivery>,
    private readonly senders: Senders,
    private readonly delivery: DeliveryService,
    private readonly db: Db,
    private readonly enc: Encryptor,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(q: PageQueryDto): Promise<Paged<NotificationChannelDto>> {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    const [rows, total] = await this.channels.findAndCount({
      order: { name: 'ASC', id: 'ASC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return { items: rows.map(toChannelDto), total, page, pageSize };
  }

  async get(id: string): Promise<NotificationChannel> {
    const c = await this.channels.findOneBy({ id });
    if (!c) throw new NotFoundError('Notification channel', id);
    return c;
  }

  async create(dto: CreateChannelDto, p: Principal): Promise<CreatedNotificationChannelDto> {
    const now = this.clock.now();
    const c = this.channels.create({
      id: randomUUID(),
      name: dto.name.trim(),
      type: dto.type,
      enabled: dto.enabled ?? true,
      events: JSON.stringify(dto.events ?? NOTIFICATION_EVENTS),
      minSeverity: dto.minSeverity ?? 'LOW',
      urlDisplay: null,
      urlEnc: null,
      secretEnc: null,
      email: null,
      createdBy: p.userId,
      createdAt: now,
      updatedAt: now,
    });
    let generatedSecret: string | null = null;
    if (dto.type === 'email') {
      refuse(
        dto.url !== undefined || dto.secret !== undefined,
        'An email channel takes `email`, not `url` or `secret`',
      );
      if (!dto.email) throw new InvalidInputError('An email channel needs `email` (SMTP settings)');
      await this.applyEmail(c, dto.email);
    } else {
      refuse(dto.email !== undefined, `A ${dto.type} channel takes \`url\`, not \`email\``);
      refuse(
        dto.type === 'slack' && dto.secret !== undefined,
        'A Slack webhook is not signed: remove `secret`',
      );
      if (dto.url === undefined) throw new InvalidInputError(`A ${dto.type} channel needs \`url\``);
      await this.applyUrl(c, dto.url);
      if (dto.type === 'webhook') {
        generatedSecret = dto.secret === undefined ? randomBytes(24).toString('base64url') : null;
        c.secretEnc = this.enc.encryptText(dto.secret ?? (generatedSecret as string));
      }
    }
    await this.db.transaction((em) => em.getRepository(NotificationChannel).insert(c));
    const out = toChannelDto(c);
    await this.audit.record({
      action: 'notification_channel.create',
      entityType: 'notification_channel',
      entityId: c.id,
      summary: `Created ${c.type} channel "${c.name}"`,
      changes: { after: out },
    });
    return { ...out, generatedSecret };
  }

  async update(id: string, dto: UpdateChannelDto): Promise<NotificationChannelDto> {
    const c = await this.get(id);
    const before = toChannelDto(c);
    if (dto.name !== undefined) c.name = dto.name.trim();
    if (dto.enabled !== undefined) c.enabled = dto.enabled;
    if (dto.events !== undefined) c.events = JSON.stringify(dto.events);
    if (dto.minSeverity !== undefined) c.minSeverity = dto.minSeverity;
    if (c.type === 'email') {
      refuse(
        dto.url !== undefined || dto.secret !== undefined,
        'An email channel takes `email`, not `url` or `secret`',
      );
      if (dto.email) await this.applyEmail(c, dto.email);
    } else {
      refuse(dto.email !== undefined, `A ${c.type} channel takes \`url\`, not \`email\``);
      refuse(
        c.type === 'slack' && dto.secret !== undefined,
        'A Slack webhook is not signed: remove `secret`',
      );
      if (dto.url !== undefined) await this.applyUrl(c, dto.url);
      if (dto.secret !== undefined) c.secretEnc = this.enc.encryptText(dto.secret);
    }
    c.updatedAt = this.clock.now();
    await this.db.transaction((em) => em.getRepository(NotificationChannel).save(c));
    const after = toChannelDto(c);
    await this.audit.record({
      action: 'notification_channel.update',
      entityType: 'notification_channel',
      entityId: c.id,
      summary: `Changed ${c.type} channel "${c.name}"`,
      changes: {
        before,
        after,
        secretChanged: dto.secret !== undefined || dto.email?.password !== undefined,
      },
    });
    return after;
  }

  async remove(id: string): Promise<void> {
    const c = await this.get(id);
    await this.db.transaction((em) => em.getRepository(NotificationChannel).delete({ id }));
    await this.audit.record({
      action: 'notification_channel.delete',
      entityType: 'notification_channel',
      entityId: id,
      summary: `Deleted ${c.type} channel "${c.name}" and its delivery log`,
      changes: { before: toChannelDto(c) },
    });
  }

  async deliveriesOf(id: string, q: PageQueryDto): Promise<Paged<NotificationDeliveryDto>> {
    await this.get(id);
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    const [rows, total] = await this.deliveries.findAndCount({
      where: { channelId: id },
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    const attempts = await this.delivery.attemptsOf(rows.map((r) => r.id));
    return { items: rows.map((r) => toDeliveryDto(r, attempts.get(r.id) ?? [])), total, page, pageSize };
  }

  /** Sends a test message now (one attempt, no retry) and answers with its delivery and attempt. */
  async sendTest(id: string): Promise<NotificationDeliveryDto> {
    const c = await this.get(id);
    const now = this.clock.now();
    const deliveryId = randomUUID();
    const key = `test:${c.id}:${deliveryId}`;
    const payload = JSON.stringify(testPayload(key, c.name, now));
    const d = this.deliveries.create({
      id: deliveryId,
      channelId: c.id,
      incidentId: null,
      event: 'test',
      key,
      status: 'sending',
      attempts: 0,
      payload,
      claimedAt: now,
      createdAt: now,
      updatedAt: now,
      sentAt: null,
    });
    await this.db.transaction((em) => em.getRepository(NotificationDelivery).insert(d));
    const result = await this.senders
      .for(c.type)
      .send(resolveChannel(c, this.enc), JSON.parse(payload), payload, deliveryId);
    await this.delivery.record(d, { ...result, permanent: true });
    await this.audit.record({
      action: 'notification_channel.test',
      entityType: 'notification_channel',
      entityId: c.id,
      summary: `Sent a test message to "${c.name}": ${result.ok ? 'accepted' : (result.error ?? 'failed')}`,
    });
    const saved = await this.deliveries.findOneByOrFail({ id: deliveryId });
    const attempts = await this.delivery.attemptsOf([deliveryId]);
    return toDeliveryDto(saved, attempts.get(deliveryId) ?? []);
  }

  private async applyUrl(c: NotificationChannel, url: string): Promise<void> {
    try {
      await this.senders.guard.assertUrl(url);
    } catch (e) {
      if (e instanceof UnsafeTargetError) throw new InvalidInputError(`url: ${e.message}`);
      throw e;
    }
    c.urlEnc = this.enc.encryptText(url);
    c.urlDisplay = displayUrl(c.type, url);
  }

  private async applyEmail(c: NotificationChannel, e: EmailSettingsBody): Promise<void> {
    try {
      await this.senders.guard.resolve(e.host);
    } catch (err) {
      if (err instanceof UnsafeTargetError) throw new InvalidInputError(`email.host: ${err.message}`);
      throw err;
    }
    const settings: EmailChannelSettings = {
      host: e.host,
      port: e.port,
      secure: e.secure,
      username: e.username?.trim() ? e.username : null,
      from: e.from,
      to: e.to,
    };
    c.email = JSON.stringify(settings);
    if (e.password === null) c.secretEnc = null;
    else if (e.password !== undefined) c.secretEnc = this.enc.encryptText(e.password);
  }
}

function refuse(cond: boolean, message: string): void {
  if (cond) throw new InvalidInputError(message);
}
