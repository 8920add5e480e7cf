import { Global, Module, type DynamicModule, type OnApplicationShutdown, Inject } from '@nestjs/common';
import { EventsController } from './events.controller';
import { EventBus, InMemoryEventBus, RedisEventBus } from './event-bus';

class EventBusCloser implements OnApplicationShutdown {
  constructor(@Inject(EventBus) private readonly bus: EventBus) {}
  async onApplicationShutdown(): Promise<void> {
    await this.bus.close();
  }
}

@Global()
@Module({})
export class EventsModule {
  static forRoot(options: { redisUrl?: string; prefix: string }): DynamicModule {
    return {
      module: EventsModule,
      controllers: [EventsController],
      providers: [
        {
          provide: EventBus,
          useFactory: () =>
            options.redisUrl ? new RedisEventBus(options.redisUrl, options.prefix) : new InMemoryEventBus(),
        },
        EventBusCloser,
      ],
      exports: [EventBus],
    };
  }
}
