import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Role } from '@dqw/shared-types';
import { datasetFixture } from '../testing/dataset-fixtures';
import { signedIn } from '../testing/signed-in';
import { DatasetList } from './dataset-list';

describe('DatasetList page', () => {
  let backend: HttpTestingController;

  async function render(role: Role, items = [datasetFixture()]) {
    ({ backend } = await signedIn(role));
    const fixture = TestBed.createComponent(DatasetList);
    backend
      .expectOne((r) => r.url === '/api/datasets')
      .flush({ items, total: items.length, page: 1, pageSize: 25 });
    const el = fixture.nativeElement as HTMLElement;
    await vi.waitFor(async () => {
      await fixture.whenStable();
      expect(el.querySelector('h1')?.textContent).toBe('Datasets');
      expect(el.textContent).not.toContain('Loading datasets');
    });
    return { fixture, el };
  }

  afterEach(() => backend.verify());

  it('tells a new data engineer to upload a CSV or connect a database', async () => {
    const { el } = await render('DataEngineer', []);
    expect(el.textContent).toContain('No datasets yet');
    expect(el.textContent).toContain('Start by uploading a CSV file, or connect a PostgreSQL');
    const buttons = [...el.querySelectorAll('button')].map((b) => b.textContent?.trim());
    expect(buttons).toContain('Upload a CSV');
    expect(buttons).toContain('Connect a database');
  });

  it('shows source, rows, columns, score and the sensitive marker; no upload for an Analyst', async () => {
    const { el } = await render('Analyst', [
      datasetFixture({ sensitive: true, qualityScore: 97.26 }),
      datasetFixture({
        id: 'ds-2',
        name: 'customers',
        sourceType: 'table',
        rowCount: 1234567,
        qualityScore: null,
      }),
    ]);
    const row = (name: string) =>
      el.querySelector(`tr[data-dataset="${name}"]`)?.textContent?.replace(/\s+/g, ' ') ?? '';
    expect(row('orders')).toContain('Sensitive');
    expect(row('orders')).toContain('CSV file');
    expect(row('orders')).toContain('97.3 out of 100');
    expect(row('customers')).toContain('Database table');
    expect(row('customers')).toContain('1,234,567');
    expect(row('customers')).toContain('Not checked yet');
    expect(el.querySelector('tr[data-dataset="orders"] a')?.getAttribute('href')).toBe('/datasets/ds-1');
    expect(el.textContent).not.toContain('Upload CSV');
    expect(el.textContent).not.toContain('Connect a database');
  });
});
