import { HttpEventType } from '@angular/common/http';
import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { button, find } from '../../../testing/dom';
import { datasetDetailFixture, versionFixture } from '../testing/dataset-fixtures';
import { signedIn } from '../testing/signed-in';
import { UploadDialog } from './upload-dialog';

describe('UploadDialog', () => {
  let backend: HttpTestingController;
  let fixture: ComponentFixture<UploadDialog>;
  let el: HTMLElement;
  let closed: (string | null)[];

  beforeEach(async () => {
    ({ backend } = await signedIn('DataEngineer'));
    fixture = TestBed.createComponent(UploadDialog);
    closed = [];
    fixture.componentInstance.closed.subscribe((id) => closed.push(id));
    el = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });

  afterEach(() => backend.verify());

  async function choose(name: string, text: string): Promise<void> {
    const input = find<HTMLInputElement>(el, 'input[type="file"]');
    const file = new File([text], name, { type: 'text/csv' });
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    input.dispatchEvent(new Event('change'));
    await fixture.whenStable();
  }

  async function submit(): Promise<void> {
    button(el, 'Upload').click();
    await fixture.whenStable();
  }

  it('asks for a file first, then names the dataset after it', async () => {
    await submit();
    expect(el.textContent).toContain('Choose a CSV file to upload.');
    backend.expectNone('/api/datasets');

    await choose('orders 2026.csv', 'id;email\n1;a@x.io\n');
    expect(find<HTMLInputElement>(el, '#upload-name').value).toBe('orders 2026');
    expect(el.textContent).toContain('orders 2026.csv');
  });

  it('shows the real upload progress, then how the file was read, and opens the new dataset', async () => {
    await choose('orders.csv', 'id;email\n1;a@x.io\n');
    await submit();
    const req = backend.expectOne({ method: 'POST', url: '/api/datasets' });
    req.event({ type: HttpEventType.UploadProgress, loaded: 9, total: 18 });
    await fixture.whenStable();
    const bar = find(el, '[role="progressbar"]');
    expect(bar.getAttribute('aria-valuenow')).toBe('50');
    expect(bar.getAttribute('aria-valuetext')).toBe('9 B of 18 B');

    const version = versionFixture({
      rowCount: 240,
      format: {
        delimiter: ';',
        quote: '"',
        escape: '"',
        header: true,
        encoding: 'latin-1',
        bom: false,
        newline: 'crlf',
      },
    });
    req.flush({
      dataset: datasetDetailFixture({ id: 'ds-9', currentVersion: version }),
      version,
      created: true,
      message: 'ok',
    });
    await fixture.whenStable();
    const format = find(el, '[data-testid="csv-format"]').textContent ?? '';
    expect(format).toContain('Semicolon ( ; )');
    expect(format).toContain('Latin-1 (ISO-8859-1)');
    expect(format).toContain('Windows (CRLF)');
    expect(find(el, '[data-testid="upload-done"]').textContent).toContain('240 rows');

    button(el, 'Looks right').click();
    expect(closed).toEqual(['ds-9']);
  });

  it('reads the stored file again with other options when the detection was wrong', async () => {
    await choose('orders.csv', 'id;email\n1;a@x.io\n');
    await submit();
    backend.expectOne('/api/datasets').flush({
      dataset: datasetDetailFixture({ id: 'ds-9' }),
      version: versionFixture(),
      created: true,
      message: 'ok',
    });
    await fixture.whenStable();
    button(el, "Change how it's read").click();
    await fixture.whenStable();
    const header = find<HTMLSelectElement>(el, '#reread-header');
    header.value = 'no';
    header.dispatchEvent(new Event('change'));
    button(el, 'Read again').click();
    const patch = backend.expectOne({ method: 'PATCH', url: '/api/datasets/ds-9' });
    expect(patch.request.body).toEqual({ csvOptions: { header: false } });
    patch.flush(
      datasetDetailFixture({
        id: 'ds-9',
        csvOptions: { header: false },
        currentVersion: versionFixture({
          rowCount: 1001,
          format: {
            delimiter: ',',
            quote: '"',
            escape: '"',
            header: false,
            encoding: 'utf-8',
            bom: false,
            newline: 'lf',
          },
        }),
      }),
    );
    await vi.waitFor(async () => {
      await fixture.whenStable();
      expect(find(el, '[data-testid="csv-format"]').textContent).toContain('None (columns are numbered)');
    });
    expect(find(el, '[data-testid="upload-done"]').textContent).toContain('1,001 rows');
  });

  it('puts a taken name next to the name field, and malformed rows with their lines in the dialog', async () => {
    await choose('orders.csv', 'id;email\n1;a@x.io\n');
    await submit();
    backend
      .expectOne('/api/datasets')
      .flush(
        { statusCode: 409, error: 'Conflict', message: 'A dataset named "orders" already exists' },
        { status: 409, statusText: 'Conflict' },
      );
    await fixture.whenStable();
    const name = find<HTMLInputElement>(el, '#upload-name');
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(find(el, '#upload-name-error').textContent).toContain('already exists. Choose another name.');

    await submit();
    backend.expectOne('/api/datasets').flush(
      {
        statusCode: 400,
        error: 'Bad Request',
        message: 'The file has 1 malformed row (the first at line 3: expected 2 fields, found 3)',
        details: { malformedRows: [{ line: 3, message: 'expected 2 fields, found 3' }], totalMalformed: 1 },
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    expect(find(el, '[data-testid="malformed-rows"]').textContent).toContain('Line 3');
    // The usual fix is another delimiter or quote: the reading options open by themselves.
    expect(el.querySelector('#upload-delimiter')).not.toBeNull();
  });
});
