import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CSRF_HEADER, MeResponse, Role, Roles } from '@dqw/shared-types';
import { DynamicModule, Type } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import type { Server } from 'node:http';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppConfig, loadConfig } from '../../src/core/config/config';
import type { ProcessRoles } from '../../src/core/config/process-roles';
import { createApp } from '../../src/create-app';
import { AdminBootstrap } from '../../src/modules/users/admin-bootstrap.service';
import { TokensService } from '../../src/modules/users/tokens.service';
import { User } from '../../src/modules/users/user.entity';
import { createUser, UserFactoryInput } from '../factories/users';
import { DbKind } from './db-kinds';
import { createTestSchema, dropTestSchema, TEST_DATABASE_URL } from './postgres';

type TestAgent = ReturnType<typeof request.agent>;
type Http = ReturnType<typeof request>;

export const BOOTSTRAP_ADMIN = { email: 'first-admin@test.local', password: 'Bootstrap-Admin-Pass-1' };
export const TEST_ENCRYPTION_KEY = Buffer.alloc(32, 7).toString('base64');

export interface TestAppOptions {
  /** Extra env for loadConfig (the defaults make tests quiet and fast). */
  env?: Record<string, string>;
  extraModules?: (Type | DynamicModule)[];
  /** Process roles (default: web, plus worker and scheduler when there is no REDIS_URL). */
  roles?: ProcessRoles;
  /** Reuse a database of an earlier app (restart tests): the same DATA_DIR / schema. */
  reuse?: { dataDir: string; schema: string | null };
}

/** A signed-in browser: keeps the cookie and sends the CSRF token on unsafe methods. */
export interface SessionClient {
  agent: TestAgent;
  me: MeResponse;
  csrf: string;
  get(url: string): request.Test;
  post(url: string, body?: object): request.Test;
  patch(url: string, body?: object): request.Test;
  delete(url: string): request.Test;
}

export interface TestApp {
  kind: DbKind;
  app: NestExpressApplication;
  config: AppConfig;
  server: Server;
  dataSource: DataSource;
  dataDir: string;
  schema: string | null;
  /** Plain supertest on the app (no cookies). */
  http(): Http;
  createUser(input?: UserFactoryInput): Promise<{ user: User; password: string }>;
  /** Creates a user with this role (or uses the given credentials) and signs in through the API. */
  loginAs(who: Role | { email: string; password: string }): Promise<SessionClient>;
  /** Creates a user with this role and a token for them; returns the Bearer secret. */
  tokenFor(
    role: Role,
    opts?: { expiresAt?: string },
  ): Promise<{ token: string; tokenId: string; user: User }>;
  /** Bearer-authenticated requests. */
  withToken(token: string): {
    get(url: string): request.Test;
    post(url: string, body?: object): request.Test;
    patch(url: string, body?: object): request.Test;
    delete(url: string): request.Test;
  };
  /** Stops the app; drops the schema/data dir unless `keepData`. */
  close(opts?: { keepData?: boolean }): Promise<void>;
}

export async function startTestApp(kind: DbKind, opts: TestAppOptions = {}): Promise<TestApp> {
  const dataDir = opts.reuse?.dataDir ?? mkdtempSync(join(tmpdir(), 'dqw-api-test-'));
  const schema = kind === 'postgres' ? (opts.reuse?.schema ?? (await createTestSchema())) : null;
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    PASSWORD_SCRYPT_COST: '10',
    WATCHTOWER_ADMIN_EMAIL: BOOTSTRAP_ADMIN.email,
    WATCHTOWER_ADMIN_PASSWORD: BOOTSTRAP_ADMIN.password,
    WEB_DIST_DIR: join(dataDir, 'no-web'),
    // Generous defaults so that tests exercising other things never trip the login limits.
    LOGIN_RATE_LIMIT_PER_IP: '1000',
    LOGIN_RATE_LIMIT_PER_ACCOUNT: '1000',
    ...(kind === 'postgres'
      ? {
          DATABASE_URL: TEST_DATABASE_URL,
          DATABASE_SCHEMA: schema as string,
          ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
        }
      : {}),
    ...opts.env,
  };
  const config = loadConfig(env, dataDir);
  let app: NestExpressApplication;
  try {
    app = await createApp(config, { extraModules: opts.extraModules, roles: opts.roles });
    app.get(AdminBootstrap).print = () => undefined;
    await app.init();
  } catch (e) {
    if (!opts.reuse) await cleanup(kind, dataDir, schema);
    throw e;
  }
  const server = app.getHttpServer() as Server;
  const dataSource = app.get(DataSource);
  let n = 0;

  const t: TestApp = {
    kind,
    app,
    config,
    server,
    dataSource,
    dataDir,
    schema,
    http: () => request(server),
    createUser: (input) => createUser(app, input),
    async loginAs(who) {
      let creds: { email: string; password: string };
      if (typeof who === 'string') {
        const { user, password } = await createUser(app, {
          role: who,
          email: `${who.toLowerCase()}-${++n}@test.local`,
        });
        creds = { email: user.email, password };
      } else {
        creds = who;
      }
      const agent = request.agent(server);
      const res = await agent.post('/api/auth/login').send(creds);
      if (res.status !== 200)
        throw new Error(`login as ${creds.email} failed: ${res.status} ${JSON.stringify(res.body)}`);
      const me = res.body as MeResponse;
      const csrf = me.csrfToken as string;
      return {
        agent,
        me,
        csrf,
        get: (url) => agent.get(url),
        post: (url, body) =>
          agent
            .post(url)
            .set(CSRF_HEADER, csrf)
            .send(body ?? {}),
        patch: (url, body) =>
          agent
            .patch(url)
            .set(CSRF_HEADER, csrf)
            .send(body ?? {}),
        delete: (url) => agent.delete(url).set(CSRF_HEADER, csrf),
      };
    },
    async tokenFor(role, o = {}) {
      const { user } = await createUser(app, { role, email: `${role.toLowerCase()}-tok-${++n}@test.local` });
      const created = await app.get(TokensService).create(user.id, `test token ${n}`, o.expiresAt);
      return { token: created.token, tokenId: created.id, user };
    },
    withToken(token) {
      const auth = `Bearer ${token}`;
      return {
        get: (url) => request(server).get(url).set('Authorization', auth),
        post: (url, body) =>
          request(server)
            .post(url)
            .set('Authorization', auth)
            .send(body ?? {}),
        patch: (url, body) =>
          request(server)
            .patch(url)
            .set('Authorization', auth)
            .send(body ?? {}),
        delete: (url) => request(server).delete(url).set('Authorization', auth),
      };
    },
    async close(o = {}) {
      await app.close();
      if (!o.keepData) await cleanup(kind, dataDir, schema);
    },
  };
  return t;
}

async function cleanup(kind: DbKind, dataDir: string, schema: string | null): Promise<void> {
  if (kind === 'postgres' && schema) await dropTestSchema(schema);
  rmSync(dataDir, { recursive: true, force: true });
}

export { Roles };
