import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RulesModule } from '../rules/rules.module';
import { UsersModule } from '../users/users.module';
import { Clock } from './clock';
import { INCIDENT_ENTITIES } from './entities';
import { IncidentRunsService } from './incident-runs.service';
import { IncidentWriter } from './incident-writer';
import { IncidentsController } from './incidents.controller';
import { IncidentsRepository } from './incidents.repository';
import { IncidentsService } from './incidents.service';
import { IncidentProcessors } from './jobs/incident.processors';
import { ChannelsController } from './notifications/channels.controller';
import { ChannelsService } from './notifications/channels.service';
import { DeliveryService } from './notifications/delivery.service';
import { Notifier } from './notifications/notifier.service';
import { Senders } from './notifications/senders/senders';
import { SlaCheckService } from './sla/sla-check.service';
import { SlaController } from './sla/sla.controller';
import { SlaService } from './sla/sla.service';

/**
 * Incidents (issue 6): built from finished runs (RunOutcomeHooks), triaged through DESIGN §7's
 * workflow, timed against the SLA policy by the minute check, announced on notification channels.
 */
@Module({
  imports: [TypeOrmModule.forFeature(INCIDENT_ENTITIES), RulesModule, UsersModule],
  controllers: [IncidentsController, SlaController, ChannelsController],
  providers: [
    Clock,
    IncidentsRepository,
    IncidentWriter,
    IncidentsService,
    IncidentRunsService,
    SlaService,
    SlaCheckService,
    Notifier,
    Senders,
    DeliveryService,
    ChannelsService,
    IncidentProcessors,
  ],
  exports: [IncidentsService, SlaService, Clock],
})
export class IncidentsModule {}
