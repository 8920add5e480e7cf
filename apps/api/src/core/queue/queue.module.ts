import { Global, Module, type DynamicModule } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { BullQueueBackend, type BullBackendOptions } from './bull.backend';
import { InProcessQueueBackend } from './in-process.backend';
import { SchedulerService } from './scheduler.service';
import { QueuesController } from './queues.controller';
import { JobQueue, QUEUE_BACKEND, QUEUE_OPTIONS, type QueueModuleOptions } from './job-queue.service';

export type QueueConfig = QueueModuleOptions & { bull?: BullBackendOptions };

/** Bull on Redis when `bull` options are given (production), the in-process runner otherwise. */
@Global()
@Module({})
export class QueueModule {
  static forRoot(config: QueueConfig): DynamicModule {
    return {
      module: QueueModule,
      imports: [DiscoveryModule],
      controllers: [QueuesController],
      providers: [
        { provide: QUEUE_OPTIONS, useValue: config },
        {
          provide: QUEUE_BACKEND,
          useFactory: () => (config.bull ? new BullQueueBackend(config.bull) : new InProcessQueueBackend()),
        },
        JobQueue,
        SchedulerService,
      ],
      exports: [JobQueue, QUEUE_BACKEND, SchedulerService],
    };
  }
}
