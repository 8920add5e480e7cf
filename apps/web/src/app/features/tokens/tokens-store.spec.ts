import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { apiInterceptor } from '../../core/http/api-interceptor';
import { tokenFixture } from '../../testing/fixtures';
import { dateInputValue, endOfDayIso } from './token-create-form/token-create-form';
import { TokensStore, tokenStatus } from './tokens-store';

describe('TokensStore', () => {
  let store: TokensStore;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        TokensStore,
        provideHttpClient(withInterceptors([apiInterceptor])),
        provideHttpClientTesting(),
        provideRouter([]),
      ],
    });
    store = TestBed.inject(TokensStore);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  it('lists the tokens from the paged answer', async () => {
    const done = store.load();
    backend
      .expectOne((r) => r.url === '/api/auth/tokens')
      .flush({ items: [tokenFixture()], total: 1, page: 1, pageSize: 200 });
    await done;
    expect(store.tokens().map((t) => t.name)).toEqual(['nightly export']);
  });

  it('keeps the new secret only until it is dismissed, and never in the list', async () => {
    const created = store.create({ name: 'ci' });
    backend
      .expectOne({ method: 'POST', url: '/api/auth/tokens' })
      .flush({ ...tokenFixture({ id: 't-2', name: 'ci' }), token: 'dqw_secret_value' });
    await created;
    expect(store.created()?.token).toBe('dqw_secret_value');
    expect(store.tokens()[0]).not.toHaveProperty('token');
    expect(store.tokens()[0].name).toBe('ci');
    store.dismissCreated();
    expect(store.created()).toBeNull();
    expect(JSON.stringify(store.tokens())).not.toContain('dqw_secret_value');
  });

  it('turns a refused creation into a problem for the form', async () => {
    const created = store.create({ name: ' ' });
    backend.expectOne({ method: 'POST', url: '/api/auth/tokens' }).flush(
      {
        statusCode: 400,
        error: 'Bad Request',
        message: 'x',
        details: [{ field: 'name', messages: ['name must not be blank'] }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await expect(created).rejects.toMatchObject({ fieldErrors: { name: 'name must not be blank' } });
  });

  it('marks a revoked token as revoked', async () => {
    const load = store.load();
    backend
      .expectOne((r) => r.url === '/api/auth/tokens')
      .flush({ items: [tokenFixture()], total: 1, page: 1, pageSize: 200 });
    await load;
    const revoke = store.revoke(store.tokens()[0]);
    expect(store.revoking()).toBe('t-1');
    backend
      .expectOne({ method: 'DELETE', url: '/api/auth/tokens/t-1' })
      .flush(null, { status: 204, statusText: 'No Content' });
    expect(await revoke).toBe(true);
    expect(tokenStatus(store.tokens()[0])).toBe('revoked');
    expect(store.revoking()).toBeNull();
  });
});

describe('token helpers', () => {
  it('tells active, expired and revoked tokens apart', () => {
    const now = Date.parse('2026-06-01T00:00:00Z');
    expect(tokenStatus(tokenFixture(), now)).toBe('active');
    expect(tokenStatus(tokenFixture({ expiresAt: '2026-07-01T00:00:00Z' }), now)).toBe('active');
    expect(tokenStatus(tokenFixture({ expiresAt: '2026-05-01T00:00:00Z' }), now)).toBe('expired');
    expect(tokenStatus(tokenFixture({ revokedAt: '2026-05-01T00:00:00Z' }), now)).toBe('revoked');
  });

  it('expires a token at the end of the chosen local day', () => {
    const iso = endOfDayIso('2026-03-15');
    const local = new Date(iso);
    expect([
      local.getFullYear(),
      local.getMonth() + 1,
      local.getDate(),
      local.getHours(),
      local.getMinutes(),
    ]).toEqual([2026, 3, 15, 23, 59]);
    expect(dateInputValue(new Date(2026, 0, 5))).toBe('2026-01-05');
  });
});
