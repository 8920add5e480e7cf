import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { HttpEventType } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { apiInterceptor } from '../../core/http/api-interceptor';
import { ToastService } from '../../core/notify/toast-service';
import { datasetDetailFixture, versionFixture } from './testing/dataset-fixtures';
import { DatasetsApi } from './datasets-api';
import { UploadFlow } from './upload-flow';

describe('UploadFlow', () => {
  let api: DatasetsApi;
  let backend: HttpTestingController;
  const csv = (text = 'id,email\n1,a@example.com\n', name = 'orders.csv') =>
    new File([text], name, { type: 'text/csv' });

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([apiInterceptor])),
        provideHttpClientTesting(),
        provideRouter([]),
      ],
    });
    api = TestBed.inject(DatasetsApi);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  it('sends the fields before the file, then reports real progress and the answer', async () => {
    const flow = new UploadFlow();
    const file = csv();
    const done = flow.start(
      file,
      api.upload(file, {
        name: 'orders',
        sensitive: true,
        nullMarkers: ['N/A'],
        format: { delimiter: '\t', header: true },
      }),
    );
    expect(flow.phase()).toBe('sending');
    const req = backend.expectOne({ method: 'POST', url: '/api/datasets' });
    expect(req.request.reportProgress).toBe(true);
    const body = req.request.body as FormData;
    expect([...body.keys()]).toEqual(['name', 'sensitive', 'nullMarkers', 'delimiter', 'header', 'file']);
    expect(body.get('delimiter')).toBe('\\t');
    expect(body.get('nullMarkers')).toBe('["N/A"]');

    req.event({ type: HttpEventType.UploadProgress, loaded: 10, total: 40 });
    expect(flow.percent()).toBe(25);
    expect(flow.phase()).toBe('sending');
    req.event({ type: HttpEventType.UploadProgress, loaded: 40, total: 40 });
    expect(flow.phase()).toBe('checking'); // all bytes sent; the server is reading the rows

    const result = {
      dataset: datasetDetailFixture(),
      version: versionFixture(),
      created: true,
      message: 'ok',
    };
    req.flush(result);
    await expect(done).resolves.toEqual(result);
    expect(flow.phase()).toBe('done');
    expect(flow.percent()).toBe(100);
  });

  it('refuses an empty file without sending it', async () => {
    const flow = new UploadFlow();
    const file = csv('', 'empty.csv');
    await expect(flow.start(file, api.upload(file, { name: 'empty' }))).resolves.toBeNull();
    backend.expectNone('/api/datasets');
    expect(flow.problem()?.message).toBe(
      'empty.csv is empty. A CSV needs at least a header line with the column names.',
    );
  });

  it('shows malformed rows with their line numbers, and the format the server tried', async () => {
    const flow = new UploadFlow();
    const file = csv();
    const done = flow.start(file, api.upload(file, { name: 'ragged' }));
    backend.expectOne('/api/datasets').flush(
      {
        statusCode: 400,
        error: 'Bad Request',
        message:
          'The file has 2 malformed rows (the first at line 3: expected 2 fields, found 3); fix them or check the delimiter and quote',
        details: {
          malformedRows: [
            { line: 3, message: 'expected 2 fields, found 3' },
            { line: 7, message: 'unterminated quote' },
          ],
          totalMalformed: 2,
          format: {
            delimiter: ',',
            quote: '"',
            escape: '"',
            header: true,
            encoding: 'utf-8',
            bom: false,
            newline: 'lf',
          },
        },
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await expect(done).resolves.toBeNull();
    const problem = flow.problem();
    expect(problem?.message).toBe(
      'The file has 2 malformed rows (the first at line 3: expected 2 fields, found 3); fix them or check the delimiter and quote.',
    );
    expect(problem?.malformedRows.map((r) => r.line)).toEqual([3, 7]);
    expect(problem?.format?.delimiter).toBe(',');
    // Shown in the dialog, not in a toast.
    expect(TestBed.inject(ToastService).toasts()).toEqual([]);
  });

  it('explains a too-large file, a taken name and a lost connection in plain words', async () => {
    const answer = async (status: number, message: string | null) => {
      const flow = new UploadFlow();
      const file = csv();
      const done = flow.start(file, api.upload(file, { name: 'orders' }));
      const req = backend.expectOne('/api/datasets');
      if (status === 0) req.error(new ProgressEvent('error'), { status: 0 });
      else req.flush({ statusCode: status, error: 'x', message }, { status, statusText: 'x' });
      await done;
      return flow.problem();
    };
    const large = await answer(413, 'The file is larger than the upload limit of 2 GB');
    expect(large?.message).toBe(
      'The file is larger than the upload limit of 2 GB. Split it into smaller files, or ask an administrator to raise UPLOAD_MAX_BYTES.',
    );
    const taken = await answer(409, 'A dataset named "orders" already exists');
    expect(taken?.nameTaken).toBe(true);
    expect(taken?.message).toBe('A dataset named "orders" already exists. Choose another name.');
    const binary = await answer(400, 'The file is not a text (CSV) file: it contains binary data');
    expect(binary?.message).toBe('The file is not a text (CSV) file: it contains binary data.');
    const offline = await answer(0, null);
    expect(offline?.message).toContain('The upload was interrupted before the server answered.');
  });

  it('cancels a running upload: the request is aborted and the dialog is ready again', async () => {
    const flow = new UploadFlow();
    const file = csv();
    const done = flow.start(file, api.upload(file, { name: 'orders' }));
    const req = backend.expectOne('/api/datasets');
    req.event({ type: HttpEventType.UploadProgress, loaded: 5, total: 40 });
    flow.cancel();
    expect(req.cancelled).toBe(true);
    await expect(done).resolves.toBeNull();
    expect(flow.phase()).toBe('idle');
    expect(flow.busy()).toBe(false);
  });

  it('uploads a new version with the reading options', () => {
    const file = csv();
    TestBed.inject(HttpClient);
    api.uploadVersion('ds-1', file, { encoding: 'latin-1', quote: "'" }).subscribe();
    const req = backend.expectOne({ method: 'POST', url: '/api/datasets/ds-1/versions' });
    const body = req.request.body as FormData;
    expect([...body.keys()]).toEqual(['quote', 'encoding', 'file']);
    req.flush({});
  });
});
