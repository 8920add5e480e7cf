import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import type { AppConfig } from '../../core/config/config';
import { APP_CONFIG } from '../../core/config/config.module';
import { InMemoryMetricsStore, RedisMetricsStore } from './metrics-store';
import { MetricsController } from './metrics.controller';
import { METRICS_STORE, MetricsService } from './metrics.service';

@Module({
  // UsersModule provides the authenticator the handler uses for Admin sessions and tokens.
  imports: [UsersModule],
  controllers: [MetricsController],
  providers: [
    {
      provide: METRICS_STORE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        config.redisUrl
          ? new RedisMetricsStore(config.redisUrl, `${config.queue.prefix}:metrics`)
          : new InMemoryMetricsStore(),
    },
    MetricsService,
  ],
  exports: [MetricsService],
})
export class MetricsModule {}
