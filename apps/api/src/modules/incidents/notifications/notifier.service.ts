import type { NotificationEvent } from '@dqw/shared-types';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { AppConfig } from '../../../core/config/config';
import { InjectConfig } from '../../../core/config/config.module';
import type { Effects } from '../effects';
import type { Incident } from '../incident.entity';
import { SEVERITY_RANK } from '../incident-state';
import { toIncidentDto } from '../incident.mapper';
import { channelEvents } from './channel.mapper';
import { NotificationChannel } from './notification-channel.entity';
import { NotificationDelivery } from './notification-delivery.entity';
import { buildPayload, type NotificationFacts } from './payload';

/**
 * Turns an incident change that matters into one delivery per interested channel, inside the caller's
 * transaction (so a rolled-back change notifies nobody). The key `<incident>:<event>:<sequence>` is
 * unique per channel, so the same notification can't exist twice.
 */
@Injectable()
export class Notifier {
  constructor(@InjectConfig() private readonly config: AppConfig) {}

  async create(
    em: EntityManager,
    incident: Incident,
    event: NotificationEvent,
    facts: NotificationFacts,
    at: Date,
    fx: Effects,
  ): Promise<void> {
    incident.notifySeq += 1;
    const key = `${incident.id}:${event}:${incident.notifySeq}`;
    const channels = (await em.getRepository(NotificationChannel).findBy({ enabled: true })).filter(
      (c) =>
        channelEvents(c).includes(event) && SEVERITY_RANK[incident.severity] >= SEVERITY_RANK[c.minSeverity],
    );
    if (channels.length === 0) return;
    const payload = JSON.stringify(
      buildPayload({
        incident: toIncidentDto(incident),
        event,
        key,
        occurredAt: at,
        facts,
        publicUrl: this.config.notifications.publicUrl,
      }),
    );
    for (const c of channels) {
      const id = randomUUID();
      await em.getRepository(NotificationDelivery).insert({
        id,
        channelId: c.id,
        incidentId: incident.id,
        event,
        key,
        status: 'pending',
        attempts: 0,
        payload,
        claimedAt: null,
        createdAt: at,
        updatedAt: at,
        sentAt: null,
      });
      fx.deliveries.push(id);
    }
  }
}
