import type { ConnectionKind, CreateConnectionRequest } from '@dqw/shared-types';
import { realpathSync } from 'node:fs';
import { isAbsolute, normalize, relative, resolve, sep } from 'node:path';
import { DEFAULT_PORTS, type ConnectionSpec } from '../../../core/engines/source-spec';
import { InvalidInputError } from '../../../core/http/domain-errors';
import type { ConnectionDisplay } from '../entities/connection.entity';

const HOST = /^[A-Za-z0-9._-]{1,253}$|^\[[0-9A-Fa-f:.]+\]$|^[0-9A-Fa-f:.]+$/;

type Fields = Omit<CreateConnectionRequest, 'name'>;

function fromUrl(kind: ConnectionKind, url: string): Fields {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new InvalidInputError('url is not a valid URL (e.g. postgres://user:password@host:5432/database)');
  }
  const protocols: Record<string, ConnectionKind> = {
    'postgres:': 'postgres',
    'postgresql:': 'postgres',
    'mysql:': 'mysql',
    'mariadb:': 'mysql',
  };
  const k = protocols[u.protocol];
  if (!k)
    throw new InvalidInputError(`url must start with postgres://, postgresql://, mysql:// or mariadb://`);
  if (k !== kind) throw new InvalidInputError(`url is a ${k} URL but kind is ${kind}`);
  const ssl = u.searchParams.get('ssl') ?? u.searchParams.get('sslmode');
  return {
    kind,
    host: decodeURIComponent(u.hostname),
    port: u.port ? Number(u.port) : undefined,
    database: decodeURIComponent(u.pathname.replace(/^\//, '')),
    user: decodeURIComponent(u.username),
    password: u.password ? decodeURIComponent(u.password) : undefined,
    ssl: ssl === null ? undefined : !['false', '0', 'disable'].includes(ssl.toLowerCase()),
  };
}

/** A SQLite file under the sources folder (absolute result); paths that leave it are refused. */
export function sqlitePath(sourcesDir: string, path: string, forbidden: readonly string[] = []): string {
  if (!path || path.includes('\u0000'))
    throw new InvalidInputError('path is required for a SQLite connection');
  const abs = normalize(isAbsolute(path) ? path : resolve(sourcesDir, path));
  const inside = (p: string, root: string) => {
    const r = relative(root, p);
    return r !== '' && !r.startsWith('..') && !isAbsolute(r) && !r.split(sep).includes('..');
  };
  if (!inside(abs, sourcesDir)) {
    throw new InvalidInputError(`path must name a file inside the SQLite sources folder (${sourcesDir})`);
  }
  // A symlink inside the folder must not lead out of it either.
  try {
    const real = realpathSync(abs);
    let rootReal = sourcesDir;
    try {
      rootReal = realpathSync(sourcesDir);
    } catch {
      // folder missing: the file can't exist either
    }
    if (!inside(real, rootReal)) {
      throw new InvalidInputError(`path must name a file inside the SQLite sources folder (${sourcesDir})`);
    }
    if (forbidden.some((f) => f === real || f === abs)) {
      throw new InvalidInputError("path names the application's own database");
    }
  } catch (e) {
    if (e instanceof InvalidInputError) throw e;
    // A missing file is reported when the connection is tested or used.
  }
  return abs;
}

/** The stored spec and its display from a create request (or a merged update). */
export function buildSpec(
  input: Fields,
  sourcesDir: string,
  forbidden: readonly string[] = [],
): { spec: ConnectionSpec; display: ConnectionDisplay } {
  const kind = input.kind;
  if (kind === 'sqlite') {
    if (input.url || input.host || input.user || input.password) {
      throw new InvalidInputError('A SQLite connection takes only path');
    }
    const abs = sqlitePath(sourcesDir, input.path ?? '', forbidden);
    return {
      spec: { kind: 'sqlite', path: abs },
      display: {
        host: null,
        port: null,
        database: null,
        user: null,
        path: relative(sourcesDir, abs),
        ssl: false,
        hasPassword: false,
      },
    };
  }
  const merged: Fields = input.url ? { ...fromUrl(kind, input.url), ...definedOnly(input, ['url']) } : input;
  if (merged.path) throw new InvalidInputError('path is only for SQLite connections');
  const host = merged.host ?? '';
  if (!HOST.test(host)) throw new InvalidInputError('host is required (a host name or IP address)');
  const port = merged.port ?? DEFAULT_PORTS[kind];
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new InvalidInputError('port must be 1–65535');
  const user = merged.user ?? '';
  if (!user) throw new InvalidInputError('user is required');
  const database = merged.database ?? '';
  if (kind === 'postgres' && !database) throw new InvalidInputError('database is required');
  const spec: ConnectionSpec = {
    kind,
    host: host.replace(/^\[|\]$/g, ''),
    port,
    database,
    user,
    ...(merged.password ? { password: merged.password } : {}),
    ssl: merged.ssl ?? false,
  };
  return {
    spec,
    display: {
      host: spec.host,
      port,
      database: database || null,
      user,
      path: null,
      ssl: spec.ssl ?? false,
      hasPassword: !!merged.password,
    },
  };
}

function definedOnly(o: Fields, skip: (keyof Fields)[]): Partial<Fields> {
  const out: Partial<Fields> = {};
  for (const [k, v] of Object.entries(o) as [keyof Fields, unknown][]) {
    if (v !== undefined && !skip.includes(k)) (out as Record<string, unknown>)[k] = v;
  }
  return out;
}
