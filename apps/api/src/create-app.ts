import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import { Logger } from 'nestjs-pino';
import type { Logger as PinoLogger } from 'pino';
import { AppModule, AppModuleOptions } from './app.module';
import { AppConfig } from './core/config/config';
import { jsonBodyParser } from './core/http/body-parser';
import { bindRequestLogger, createHttpLogger, ROOT_LOGGER } from './core/http/logging';
import { setupOpenApi } from './core/http/openapi';
import { requestContextMiddleware } from './core/http/request-context';
import { securityHeaders } from './core/http/security-headers';
import { spaMiddleware } from './core/http/spa';
import { mountBullBoard } from './core/queue/bull-board';
import { MetricsService } from './modules/metrics/metrics.service';

/**
 * Builds the HTTP app exactly as production runs it (main.ts) and as the tests boot it: migrations
 * applied, every global guard/pipe/filter, Swagger, the SPA. The caller calls `listen` or `init`.
 */
export async function createApp(
  config: AppConfig,
  options: AppModuleOptions = {},
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, options), {
    bodyParser: false,
    bufferLogs: true,
    // Throw instead of process.exit, so main.ts prints one clear line and tests see the error.
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  app.enableShutdownHooks();

  // Order matters: id and log first, then headers, cookies, body; Nest's routes come after these.
  app.use(requestContextMiddleware);
  app.use(app.get(MetricsService).middleware);
  app.use(createHttpLogger(app.get<PinoLogger>(ROOT_LOGGER)), bindRequestLogger);
  app.use(...securityHeaders());
  app.use(cookieParser());
  app.use(jsonBodyParser(config.bodyLimitBytes));
  mountBullBoard(app);
  app.use(spaMiddleware(config.webDistDir));

  app.setGlobalPrefix('api');
  setupOpenApi(app);
  return app;
}
