import { SESSION_COOKIE } from '@dqw/shared-types';
import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { APP_VERSION } from '../../version';
import { SESSION_SECURITY, TOKEN_SECURITY } from '../auth/access.decorators';

export const DOCS_PATH = 'api/docs';
export const DOCS_JSON_PATH = 'api/docs-json';

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Data Quality Watchtower API')
    .setDescription(
      'REST API of Data Quality Watchtower. Authenticate with a personal API token ' +
        '(`Authorization: Bearer dqw_…`, create one under "API tokens") or with the browser session cookie; ' +
        'cookie sessions must send the `csrfToken` from `GET /api/auth/me` in `X-CSRF-Token` on POST/PATCH/PUT/DELETE. ' +
        'Errors are `{statusCode, error, message, details?}`. Lists are `{items, total, page, pageSize}`.',
    )
    .setVersion(APP_VERSION)
    .addCookieAuth(SESSION_COOKIE, { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE }, SESSION_SECURITY)
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', description: 'Personal API token (dqw_…)' },
      TOKEN_SECURITY,
    )
    .build();
  return SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '')}_${method}`,
  });
}

/** Swagger UI at /api/docs and the JSON at /api/docs-json (public, like the code they describe). */
export function setupOpenApi(app: INestApplication): void {
  SwaggerModule.setup(DOCS_PATH, app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: DOCS_JSON_PATH,
    raw: ['json'],
    customSiteTitle: 'Data Quality Watchtower API',
  });
}
