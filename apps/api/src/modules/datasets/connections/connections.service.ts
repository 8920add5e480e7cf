import type {
  ConnectionDto,
  ConnectionTestResult,
  CreateConnectionRequest,
  UpdateConnectionRequest,
} from '@dqw/shared-types';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { relative } from 'node:path';
import { Repository } from 'typeorm';
import { AppConfig } from '../../../core/config/config';
import { InjectConfig } from '../../../core/config/config.module';
import type { ExternalSource } from '../../../core/engines/external-source';
import { SourceRegistry } from '../../../core/engines/source-registry';
import type { ConnectionSpec } from '../../../core/engines/source-spec';
import { ConflictError, InvalidInputError, NotFoundError } from '../../../core/http/domain-errors';
import { Encryptor } from '../../../core/storage/encryption';
import { AuditService } from '../../audit/audit.service';
import { Connection } from '../entities/connection.entity';
import { Dataset } from '../entities/dataset.entity';
import { buildSpec } from './connection-spec';

export function toConnectionDto(c: Connection): ConnectionDto {
  return {
    id: c.id,
    name: c.name,
    kind: c.kind,
    ...c.display,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

/** Turns a driver's error into one sentence a user can act on (never echoing the password). */
export function describeConnectionError(e: unknown, spec: ConnectionSpec): string {
  const err = e as { code?: string; message?: string; errno?: number };
  const where = spec.kind === 'sqlite' ? 'the SQLite file' : `${spec.host}:${spec.port}`;
  switch (err?.code) {
    case 'ECONNREFUSED':
      return `Connection refused by ${where}: nothing is listening on that port`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `Host ${spec.kind === 'sqlite' ? '' : spec.host} was not found`;
    case 'ETIMEDOUT':
    case 'ECONNRESET':
      return `${where} did not answer in time`;
    case 'SQLITE_CANTOPEN':
      return 'The SQLite file does not exist or cannot be opened';
    case 'SQLITE_NOTADB':
      return 'The file is not a SQLite database';
    case '28P01':
    case '28000':
    case 'ER_ACCESS_DENIED_ERROR':
    case 'ER_DBACCESS_DENIED_ERROR':
      return `${where} refused the user name or password`;
    case '3D000':
    case 'ER_BAD_DB_ERROR':
      return `The database does not exist on ${where}`;
    default: {
      const msg = String(err?.message ?? e).replace(/\s+/g, ' ');
      if (/timeout|timed out/i.test(msg)) return `${where} did not answer in time`;
      // MariaDB versions differ in the code they send with a refused login (1045, 1698, or none at all).
      if (err?.errno === 1045 || err?.errno === 1698 || /^Access denied for user/i.test(msg)) {
        return `${where} refused the user name or password`;
      }
      const pw = spec.kind !== 'sqlite' ? spec.password : undefined;
      return `Could not connect to ${where}: ${pw ? msg.split(pw).join('***') : msg}`.slice(0, 500);
    }
  }
}

/** Connections to external databases; the spec (with credentials) is only ever stored encrypted. */
@Injectable()
export class ConnectionsService {
  constructor(
    @InjectRepository(Connection) private readonly repo: Repository<Connection>,
    @InjectRepository(Dataset) private readonly datasets: Repository<Dataset>,
    private readonly encryptor: Encryptor,
    private readonly registry: SourceRegistry,
    private readonly audit: AuditService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  private get sourcesDir(): string {
    return this.config.datasets.sqliteSourcesDir;
  }

  /** The app's own SQLite database (and its WAL files) may never be opened as a source. */
  private get forbidden(): string[] {
    const db = this.config.database;
    if (db.type !== 'sqlite') return [];
    const real = (() => {
      try {
        return realpathSync(db.path);
      } catch {
        return db.path;
      }
    })();
    return [db.path, real, `${real}-wal`, `${real}-shm`];
  }

  async list(): Promise<ConnectionDto[]> {
    return (await this.repo.find({ order: { name: 'ASC' } })).map(toConnectionDto);
  }

  async get(id: string): Promise<Connection> {
    const c = await this.repo.findOneBy({ id });
    if (!c) throw new NotFoundError('Connection', id);
    return c;
  }

  spec(c: Connection): ConnectionSpec {
    return JSON.parse(this.encryptor.decryptText(c.secret)) as ConnectionSpec;
  }

  /** The shared, pooled source of a connection. */
  source(c: Connection): ExternalSource {
    return this.registry.get(c.id, c.updatedAt.toISOString(), () => this.spec(c));
  }

  private async assertNameFree(name: string, exceptId?: string): Promise<void> {
    const found = await this.repo.findOneBy({ nameKey: name.toLowerCase() });
    if (found && found.id !== exceptId)
      throw new ConflictError(`A connection named "${name}" already exists`);
  }

  async create(req: CreateConnectionRequest, userId: string | null): Promise<Connection> {
    const { spec, display } = buildSpec(req, this.sourcesDir, this.forbidden);
    const name = req.name.trim();
    await this.assertNameFree(name);
    const now = new Date();
    const c = this.repo.create({
      id: randomUUID(),
      name,
      nameKey: name.toLowerCase(),
      kind: req.kind,
      display,
      secret: this.encryptor.encryptText(JSON.stringify(spec)),
      createdBy: userId,
      createdAt: now,
      updatedAt: now,
    });
    await this.repo.save(c);
    await this.audit.record({
      action: 'connection.create',
      entityType: 'connection',
      entityId: c.id,
      summary: `Created connection ${name} (${req.kind})`,
      changes: { after: { name, kind: req.kind, ...display } },
    });
    return c;
  }

  async update(id: string, req: UpdateConnectionRequest): Promise<Connection> {
    if (Object.values(req).every((v) => v === undefined)) throw new InvalidInputError('Nothing to update');
    const c = await this.get(id);
    const old = this.spec(c);
    const kind = req.kind ?? c.kind;
    if (kind !== c.kind && (await this.datasets.countBy({ connectionId: id })) > 0) {
      throw new ConflictError('The kind of a connection that datasets use cannot change');
    }
    const base =
      old.kind === 'sqlite'
        ? { kind, path: relative(this.sourcesDir, old.path) }
        : {
            kind,
            host: old.host,
            port: old.port,
            database: old.database,
            user: old.user,
            password: old.password,
            ssl: old.ssl,
          };
    const patch = Object.fromEntries(Object.entries(req).filter(([k, v]) => v !== undefined && k !== 'name'));
    const merged = kind !== c.kind ? { kind, ...patch } : { ...base, ...patch, kind };
    const { spec, display } = buildSpec(merged as CreateConnectionRequest, this.sourcesDir, this.forbidden);
    const before = { name: c.name, kind: c.kind, ...c.display };
    if (req.name !== undefined) {
      const name = req.name.trim();
      await this.assertNameFree(name, id);
      c.name = name;
      c.nameKey = name.toLowerCase();
    }
    c.kind = kind;
    c.display = display;
    c.secret = this.encryptor.encryptText(JSON.stringify(spec));
    c.updatedAt = new Date(Math.max(Date.now(), c.updatedAt.getTime() + 1));
    await this.repo.save(c);
    this.registry.evict(id);
    await this.audit.record({
      action: 'connection.update',
      entityType: 'connection',
      entityId: id,
      summary: `Updated connection ${c.name}`,
      changes: {
        before,
        after: { name: c.name, kind, ...display },
        credentialsChanged: req.password !== undefined || req.url !== undefined,
      },
    });
    return c;
  }

  async remove(id: string): Promise<void> {
    const c = await this.get(id);
    const used = await this.datasets.find({ where: { connectionId: id }, select: { name: true }, take: 5 });
    if (used.length) {
      throw new ConflictError(
        `Connection ${c.name} is used by dataset${used.length > 1 ? 's' : ''} ${used.map((d) => d.name).join(', ')}; delete those first`,
      );
    }
    await this.repo.delete({ id });
    this.registry.evict(id);
    await this.audit.record({
      action: 'connection.delete',
      entityType: 'connection',
      entityId: id,
      summary: `Deleted connection ${c.name}`,
      changes: { before: { name: c.name, kind: c.kind, ...c.display } },
    });
  }

  /**
   * Reachability and the visible tables, on a throwaway pool with a short timeout, so a closed port or a
   * black-holed host answers within SOURCE_CONNECT_TIMEOUT_MS (plus a margin) instead of hanging.
   */
  async test(id: string): Promise<ConnectionTestResult> {
    const c = await this.get(id);
    const spec = this.spec(c);
    const started = Date.now();
    const limits = { connectTimeoutMs: this.config.datasets.sourceConnectTimeoutMs, queryTimeoutMs: 15_000 };
    const deadline = limits.connectTimeoutMs + limits.queryTimeoutMs;
    let result: ConnectionTestResult;
    try {
      const tables = await this.registry.withTemporary(spec, limits, (s) =>
        withDeadline(s.listTables(1000), deadline),
      );
      result = {
        ok: true,
        message: `Connected; ${tables.length} table${tables.length === 1 ? '' : 's'} visible`,
        tables,
        latencyMs: Date.now() - started,
      };
    } catch (e) {
      result = {
        ok: false,
        message: describeConnectionError(e, spec),
        tables: [],
        latencyMs: Date.now() - started,
      };
    }
    await this.audit.record({
      action: 'connection.test',
      entityType: 'connection',
      entityId: id,
      summary: `Tested connection ${c.name}: ${result.ok ? 'ok' : 'failed'}`,
      changes: { ok: result.ok, message: result.message },
    });
    return result;
  }
}

function withDeadline<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(t);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}
