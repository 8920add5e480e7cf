import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { apiInterceptor } from '../../core/http/api-interceptor';
import { ChannelsStore, testOutcomeText } from './channels-store';
import { emptyChannelForm } from './channel-form';
import { channelFixture, deliveryFixture } from './testing/settings-fixtures';

describe('ChannelsStore', () => {
  let store: ChannelsStore;
  let backend: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        ChannelsStore,
        provideHttpClient(withInterceptors([apiInterceptor])),
        provideHttpClientTesting(),
        provideRouter([]),
      ],
    });
    store = TestBed.inject(ChannelsStore);
    backend = TestBed.inject(HttpTestingController);
    const loaded = store.load();
    backend
      .expectOne((r) => r.url === '/api/notification-channels')
      .flush({ items: [channelFixture()], total: 1, page: 1, pageSize: 100 });
    await loaded;
  });

  afterEach(() => backend.verify());

  it('hands back the generated secret of a new webhook, once, and reloads the list', async () => {
    const created = store.create({
      ...emptyChannelForm('webhook'),
      name: 'New',
      url: 'http://127.0.0.1:9/x',
    });
    backend
      .expectOne({ method: 'POST', url: '/api/notification-channels' })
      .flush(
        { ...channelFixture({ id: 'ch-9', name: 'New' }), generatedSecret: 'gen-secret-123' },
        { status: 201, statusText: 'Created' },
      );
    await vi.waitFor(() =>
      backend
        .expectOne((r) => r.method === 'GET' && r.url === '/api/notification-channels')
        .flush({
          items: [channelFixture(), channelFixture({ id: 'ch-9', name: 'New' })],
          total: 2,
          page: 1,
          pageSize: 100,
        }),
    );
    await expect(created).resolves.toMatchObject({ generatedSecret: 'gen-secret-123' });
    expect(store.channels().map((c) => c.name)).toEqual(['Ops hook', 'New']);
  });

  it('keeps the outcome of "Send test" per channel, in words', async () => {
    const sent = store.test(channelFixture());
    expect(store.testOf('ch-1')?.busy).toBe(true);
    backend
      .expectOne({ method: 'POST', url: '/api/notification-channels/ch-1/test' })
      .flush(deliveryFixture());
    await sent;
    const delivery = store.testOf('ch-1')?.delivery;
    expect(delivery && testOutcomeText(delivery)).toBe('Delivered: the receiver answered 200 in 143 ms.');
  });

  it('says why a test was not delivered', () => {
    expect(
      testOutcomeText(
        deliveryFixture({
          status: 'failed',
          attempts: [
            {
              attempt: 1,
              at: 'x',
              ok: false,
              statusCode: null,
              error: 'connect ECONNREFUSED 127.0.0.1:9',
              durationMs: 3,
            },
          ],
        }),
      ),
    ).toBe('Not delivered (no answer in 3 ms): connect ECONNREFUSED 127.0.0.1:9');
  });
});
