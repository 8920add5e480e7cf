import { Injectable } from '@nestjs/common';
import {
  JobHandler,
  type DeliverNotificationPayload,
  type JobContext,
  type PeriodicJobPayload,
} from '../../../core/queue';
import { DeliveryService } from '../notifications/delivery.service';
import { SlaCheckService } from '../sla/sla-check.service';

/** Queue entry points of the incidents module; each calls one service. */
@Injectable()
export class IncidentProcessors {
  constructor(
    private readonly sla: SlaCheckService,
    private readonly deliveries: DeliveryService,
  ) {}

  @JobHandler('maintenance', 'sla-check', { everyMs: 60_000 })
  async slaCheck(_job: JobContext<PeriodicJobPayload>): Promise<void> {
    await this.sla.run();
  }

  @JobHandler('notifications', 'deliver')
  async deliver(job: JobContext<DeliverNotificationPayload>): Promise<void> {
    await this.deliveries.deliver(job.data.deliveryId);
  }
}
