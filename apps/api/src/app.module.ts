import { DynamicModule, Module, Type } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { AuthGuard } from './core/auth/auth.guard';
import { AppConfig } from './core/config/config';
import { ConfigModule } from './core/config/config.module';
import { defaultRoles, type ProcessRoles } from './core/config/process-roles';
import { DatabaseModule } from './core/database/database.module';
import { AllExceptionsFilter } from './core/http/all-exceptions.filter';
import { createRootLogger, ROOT_LOGGER } from './core/http/logging';
import { createValidationPipe } from './core/http/validation';
import { EventsModule } from './core/events';
import { QueueModule } from './core/queue';
import { StorageModule } from './core/storage/storage.module';
import { AuditInterceptor } from './modules/audit/audit.interceptor';
import { AuditModule } from './modules/audit/audit.module';
import { DashboardModule } from './modules/dashboard/dashboard.module';
import { DatasetsModule } from './modules/datasets/datasets.module';
import { DemoModule } from './modules/demo/demo.module';
import { HealthModule } from './modules/health/health.module';
import { IncidentsModule } from './modules/incidents/incidents.module';
import { MetricsModule } from './modules/metrics/metrics.module';
import { RulesModule } from './modules/rules/rules.module';
import { UsersModule } from './modules/users/users.module';

export interface AppModuleOptions {
  /** Extra modules (tests add routes to prove the guard's deny-by-default). */
  extraModules?: (Type | DynamicModule)[];
  /** Default: without Redis this one process is web, worker and scheduler (embedded mode); with Redis, web only. */
  roles?: ProcessRoles;
}

/** Embedded mode (no Redis) runs every role in the one process; with Redis, workers run apart. */
/**
 * Composition root. Infrastructure first, then one module per domain; later issues add datasets,
 * rules, incidents, dashboard and the queue here. Global guard, pipe, interceptor and filter apply
 * to every route of every module.
 */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, options: AppModuleOptions = {}): DynamicModule {
    const logger = createRootLogger(config);
    const roles = options.roles ?? defaultRoles(config);
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config, roles),
        // The HTTP logger is installed by createApp before body parsing (so even malformed requests are
        // logged with their id); nestjs-pino reuses it for Nest's own logger.
        LoggerModule.forRoot({
          pinoHttp: { logger },
          useExisting: true,
          // createApp binds the request logger itself, before body parsing and without route layers.
          forRoutes: [],
        }),
        DatabaseModule.forRoot(),
        QueueModule.forRoot({
          runWorkers: roles.worker,
          runScheduler: roles.scheduler,
          concurrency: config.queue.concurrency,
          schedulerTickMs: config.queue.schedulerTickMs,
          bull: config.redisUrl
            ? {
                redisUrl: config.redisUrl,
                prefix: config.queue.prefix,
                stalledIntervalMs: config.queue.stalledIntervalMs,
                lockDurationMs: config.queue.stalledIntervalMs,
                enqueueTimeoutMs: config.queue.enqueueTimeoutMs,
              }
            : undefined,
        }),
        EventsModule.forRoot({ redisUrl: config.redisUrl ?? undefined, prefix: config.queue.prefix }),
        StorageModule,
        AuditModule,
        UsersModule,
        HealthModule,
        MetricsModule,
        DatasetsModule,
        RulesModule,
        IncidentsModule,
        DashboardModule,
        DemoModule,
        ...(options.extraModules ?? []),
      ],
      providers: [
        { provide: ROOT_LOGGER, useValue: logger },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_INTERCEPTOR, useExisting: AuditInterceptor },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
    };
  }
}
