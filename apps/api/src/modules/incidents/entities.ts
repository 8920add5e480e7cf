import { IncidentEvent } from './incident-event.entity';
import { Incident } from './incident.entity';
import { NotificationAttempt } from './notifications/notification-attempt.entity';
import { NotificationChannel } from './notifications/notification-channel.entity';
import { NotificationDelivery } from './notifications/notification-delivery.entity';
import { RunOutcomeRecord } from './run-outcome.entity';
import { SlaPolicy } from './sla/sla-policy.entity';

/** Every entity of the incidents module (core/database/entities.ts lists them for the data source). */
export const INCIDENT_ENTITIES = [
  Incident,
  IncidentEvent,
  RunOutcomeRecord,
  SlaPolicy,
  NotificationChannel,
  NotificationDelivery,
  NotificationAttempt,
];
