import { ChangeDetectionStrategy, Component, computed, inject, output, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import {
  ConnectionDto,
  ConnectionKind,
  ConnectionTestResult,
  CreateConnectionRequest,
} from '@dqw/shared-types';
import { firstValueFrom } from 'rxjs';
import { ApiProblem, toProblem } from '../../../core/http/api-problem';
import { ServerErrors } from '../../../shared/forms/server-errors';
import { Dialog } from '../../../shared/ui/dialog/dialog';
import { ConnectionsApi } from '../connections-api';
import { DatasetsApi } from '../datasets-api';

type ConnField = 'name' | 'kind' | 'url' | 'host' | 'port' | 'database' | 'user' | 'password' | 'path';
const CONN_FIELDS: readonly ConnField[] = [
  'name',
  'kind',
  'url',
  'host',
  'port',
  'database',
  'user',
  'password',
  'path',
];
type TableField = 'name' | 'table' | 'description';
const TABLE_FIELDS: readonly TableField[] = ['name', 'table', 'description'];

export const KIND_LABELS: Record<ConnectionKind, string> = {
  postgres: 'PostgreSQL',
  mysql: 'MySQL / MariaDB',
  sqlite: 'SQLite',
};

const DEFAULT_PORTS: Partial<Record<ConnectionKind, number>> = { postgres: 5432, mysql: 3306 };

/**
 * Connect a database and register one of its tables as a dataset: pick or add a connection (PostgreSQL,
 * MySQL/MariaDB, SQLite), test it (reachability and the visible tables), then choose a table.
 * Emits the new dataset's id, or null when closed.
 */
@Component({
  selector: 'dqw-connection-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, Dialog],
  templateUrl: './connection-dialog.html',
  styles: `
    .test-result {
      border-radius: 0.75rem;
    }
    .connection-option {
      border: 1px solid var(--dqw-glass-edge);
      border-radius: 0.6rem;
      padding: 0.5rem 0.75rem 0.5rem 2.25rem;
    }
  `,
})
export class ConnectionDialog {
  readonly closed = output<string | null>();
  private readonly connectionsApi = inject(ConnectionsApi);
  private readonly datasetsApi = inject(DatasetsApi);
  private readonly fb = inject(FormBuilder).nonNullable;

  protected readonly kinds = Object.entries(KIND_LABELS) as [ConnectionKind, string][];
  protected readonly kindLabels = KIND_LABELS;
  protected readonly connections = signal<ConnectionDto[]>([]);
  protected readonly loadingConnections = signal(true);
  /** The connection the table comes from: an existing one, or 'new'. */
  protected readonly choice = signal<string>('new');
  protected readonly saved = signal<ConnectionDto | null>(null);
  protected readonly testing = signal(false);
  protected readonly test = signal<ConnectionTestResult | null>(null);
  protected readonly registering = signal(false);
  protected readonly tableFilter = signal('');
  protected readonly submitted = signal(false);

  protected readonly conn = this.fb.group({
    name: ['', [Validators.required, Validators.maxLength(200)]],
    kind: ['postgres' as ConnectionKind, [Validators.required]],
    useUrl: [true],
    url: [''],
    host: [''],
    port: [null as number | null],
    database: [''],
    user: [''],
    password: [''],
    ssl: [false],
    path: [''],
  });
  protected readonly connErrors = new ServerErrors<ConnField>({
    name: this.conn.controls.name,
    kind: this.conn.controls.kind,
    url: this.conn.controls.url,
    host: this.conn.controls.host,
    port: this.conn.controls.port,
    database: this.conn.controls.database,
    user: this.conn.controls.user,
    password: this.conn.controls.password,
    path: this.conn.controls.path,
  });
  protected readonly kind = signal<ConnectionKind>('postgres');
  protected readonly useUrl = signal(true);

  protected readonly tableForm = this.fb.group({
    table: ['', [Validators.required]],
    name: ['', [Validators.required, Validators.maxLength(200)]],
    description: [''],
    sensitive: [false],
  });
  protected readonly tableErrors = new ServerErrors<TableField>({
    name: this.tableForm.controls.name,
    table: this.tableForm.controls.table,
    description: this.tableForm.controls.description,
  });

  protected readonly current = computed(() => {
    const chosen = this.choice();
    return chosen === 'new' ? this.saved() : (this.connections().find((c) => c.id === chosen) ?? null);
  });
  protected readonly tables = computed(() => {
    const filter = this.tableFilter().trim().toLowerCase();
    const all = this.test()?.tables ?? [];
    return filter ? all.filter((t) => t.toLowerCase().includes(filter)) : all;
  });

  constructor() {
    void this.loadConnections();
    this.conn.controls.kind.valueChanges.subscribe((kind) => this.kind.set(kind));
    this.conn.controls.useUrl.valueChanges.subscribe((v) => this.useUrl.set(v));
    this.tableForm.controls.table.valueChanges.subscribe((table) => {
      const name = this.tableForm.controls.name;
      if (table && (!name.dirty || !name.value)) name.setValue(table.split('.').pop() ?? table);
    });
  }

  protected choose(id: string): void {
    this.choice.set(id);
    this.test.set(null);
    this.tableForm.reset();
  }

  protected connError(field: ConnField): string | null {
    const server = this.connErrors.field(field);
    if (server) return server;
    const control = this.conn.controls[field];
    if (!control.invalid || !(control.touched || this.submitted())) return null;
    return field === 'name' ? 'Give the connection a name.' : 'Fill this in.';
  }

  protected tableError(field: TableField): string | null {
    const server = this.tableErrors.field(field);
    if (server) return server;
    const control = this.tableForm.controls[field];
    if (!control.invalid || !control.touched) return null;
    return field === 'table' ? 'Choose a table.' : 'Give the dataset a name.';
  }

  /** Saves the new connection (or its changes) and tests it. */
  protected async saveAndTest(): Promise<void> {
    this.submitted.set(true);
    this.connErrors.clear();
    if (this.conn.invalid) {
      this.conn.markAllAsTouched();
      return;
    }
    const body = this.request();
    this.testing.set(true);
    try {
      const existing = this.saved();
      const saved = await firstValueFrom(
        existing ? this.connectionsApi.update(existing.id, body) : this.connectionsApi.create(body),
      );
      this.saved.set(saved);
      await this.runTest(saved.id);
    } catch (error) {
      const problem = error instanceof ApiProblem ? error : toProblem(error);
      if (problem.kind === 'conflict') this.connErrors.set(fieldProblem(problem, 'name'), ['name']);
      else this.connErrors.set(problem, CONN_FIELDS);
    } finally {
      this.testing.set(false);
    }
  }

  protected async testExisting(): Promise<void> {
    const connection = this.current();
    if (!connection) return;
    this.testing.set(true);
    try {
      await this.runTest(connection.id);
    } finally {
      this.testing.set(false);
    }
  }

  protected async register(): Promise<void> {
    const connection = this.current();
    this.tableErrors.clear();
    if (!connection || this.tableForm.invalid) {
      this.tableForm.markAllAsTouched();
      return;
    }
    const v = this.tableForm.getRawValue();
    this.registering.set(true);
    try {
      const dataset = await firstValueFrom(
        this.datasetsApi.registerTable({
          name: v.name.trim(),
          description: v.description.trim() || null,
          connectionId: connection.id,
          table: v.table,
          sensitive: v.sensitive,
        }),
      );
      this.closed.emit(dataset.id);
    } catch (error) {
      const problem = toProblem(error);
      if (problem.kind === 'conflict') this.tableErrors.set(fieldProblem(problem, 'name'), ['name']);
      else this.tableErrors.set(problem, TABLE_FIELDS);
    } finally {
      this.registering.set(false);
    }
  }

  private async runTest(id: string): Promise<void> {
    this.test.set(null);
    try {
      this.test.set(await firstValueFrom(this.connectionsApi.test(id)));
    } catch (error) {
      this.test.set({ ok: false, message: toProblem(error).message, tables: [], latencyMs: 0 });
    }
  }

  private async loadConnections(): Promise<void> {
    try {
      const list = await firstValueFrom(this.connectionsApi.list());
      this.connections.set(list);
      if (list.length) this.choice.set(list[0].id);
    } catch {
      // Without the list the user can still add a connection.
    } finally {
      this.loadingConnections.set(false);
    }
  }

  private request(): CreateConnectionRequest {
    const v = this.conn.getRawValue();
    const base = { name: v.name.trim(), kind: v.kind };
    if (v.kind === 'sqlite') return { ...base, path: v.path.trim() };
    if (v.useUrl) return { ...base, url: v.url.trim(), ssl: v.ssl };
    return {
      ...base,
      host: v.host.trim(),
      port: v.port ?? DEFAULT_PORTS[v.kind],
      database: v.database.trim(),
      user: v.user.trim(),
      ...(v.password ? { password: v.password } : {}),
      ssl: v.ssl,
    };
  }
}

/** A conflict (409) is about the name: the server's sentence goes next to the field. */
function fieldProblem(problem: ApiProblem, field: string): ApiProblem {
  return new ApiProblem(problem.kind, problem.status, 'Choose another name.', {
    [field]: problem.serverMessage ?? 'This name is taken.',
  });
}
