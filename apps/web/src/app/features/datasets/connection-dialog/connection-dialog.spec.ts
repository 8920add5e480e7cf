import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { ConnectionDto } from '@dqw/shared-types';
import { button, find } from '../../../testing/dom';
import { datasetDetailFixture } from '../testing/dataset-fixtures';
import { signedIn } from '../testing/signed-in';
import { ConnectionDialog } from './connection-dialog';

function connection(overrides: Partial<ConnectionDto> = {}): ConnectionDto {
  return {
    id: 'c-1',
    name: 'warehouse',
    kind: 'postgres',
    host: 'db.internal',
    port: 5432,
    database: 'shop',
    user: 'reader',
    path: null,
    ssl: false,
    hasPassword: true,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    ...overrides,
  };
}

describe('ConnectionDialog', () => {
  let backend: HttpTestingController;
  let fixture: ComponentFixture<ConnectionDialog>;
  let el: HTMLElement;
  let closed: (string | null)[];

  async function render(existing: ConnectionDto[]) {
    ({ backend } = await signedIn('DataEngineer'));
    fixture = TestBed.createComponent(ConnectionDialog);
    closed = [];
    fixture.componentInstance.closed.subscribe((id) => closed.push(id));
    el = fixture.nativeElement as HTMLElement;
    backend.expectOne('/api/connections').flush(existing);
    await vi.waitFor(async () => {
      await fixture.whenStable();
      expect(el.textContent).not.toContain('Loading connections');
    });
  }

  function type(selector: string, value: string): void {
    const input = find<HTMLInputElement>(el, selector);
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  afterEach(() => backend.verify());

  it('saves a new connection, tests it, and registers a chosen table', async () => {
    await render([]);
    type('#conn-name', 'local');
    type('#conn-url', 'postgres://reader:secret@db:5432/shop');
    button(el, 'Save and test connection').click();
    const create = backend.expectOne({ method: 'POST', url: '/api/connections' });
    expect(create.request.body).toEqual({
      name: 'local',
      kind: 'postgres',
      url: 'postgres://reader:secret@db:5432/shop',
      ssl: false,
    });
    create.flush(connection({ id: 'c-9', name: 'local' }));
    await vi.waitFor(() =>
      backend.expectOne({ method: 'POST', url: '/api/connections/c-9/test' }).flush({
        ok: true,
        message: 'Connected',
        tables: ['public.orders', 'sales.customers'],
        latencyMs: 12,
      }),
    );
    await vi.waitFor(async () => {
      await fixture.whenStable();
      expect(find(el, '[data-testid="connection-test"]').textContent).toContain('2 tables are visible');
    });

    type('#table-filter', 'cust');
    await fixture.whenStable();
    const select = find<HTMLSelectElement>(el, '#table-select');
    expect([...select.options].map((o) => o.value)).toEqual(['sales.customers']);
    select.value = 'sales.customers';
    select.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    expect(find<HTMLInputElement>(el, '#table-dataset-name').value).toBe('customers');
    button(el, 'Register table').click();
    const register = backend.expectOne({ method: 'POST', url: '/api/datasets' });
    expect(register.request.body).toMatchObject({
      name: 'customers',
      connectionId: 'c-9',
      table: 'sales.customers',
    });
    register.flush(datasetDetailFixture({ id: 'ds-7' }));
    await vi.waitFor(() => expect(closed).toEqual(['ds-7']));
  });

  it('says plainly why an existing connection cannot be reached', async () => {
    await render([connection()]);
    expect(find<HTMLInputElement>(el, '#conn-c-1').checked).toBe(true);
    button(el, 'Test connection').click();
    backend.expectOne({ method: 'POST', url: '/api/connections/c-1/test' }).flush({
      ok: false,
      message: 'Connection refused by db.internal:5432: nothing is listening on that port',
      tables: [],
      latencyMs: 30,
    });
    await vi.waitFor(async () => {
      await fixture.whenStable();
      expect(find(el, '[data-testid="connection-test"]').textContent).toContain(
        'Could not connect. Connection refused by db.internal:5432',
      );
    });
    expect(el.querySelector('#table-select')).toBeNull();
  });

  it('shows a taken connection name next to the field', async () => {
    await render([]);
    type('#conn-name', 'warehouse');
    type('#conn-url', 'postgres://db/shop');
    button(el, 'Save and test connection').click();
    backend
      .expectOne({ method: 'POST', url: '/api/connections' })
      .flush(
        { statusCode: 409, error: 'Conflict', message: 'A connection named "warehouse" already exists' },
        { status: 409, statusText: 'Conflict' },
      );
    await vi.waitFor(async () => {
      await fixture.whenStable();
      expect(find(el, '#conn-name-error').textContent).toContain(
        'A connection named "warehouse" already exists',
      );
    });
  });
});
