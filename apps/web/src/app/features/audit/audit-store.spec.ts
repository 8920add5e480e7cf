import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { apiInterceptor } from '../../core/http/api-interceptor';
import { auditFixture } from '../../testing/fixtures';
import { filtersFromForm } from './audit-filters/audit-filters';
import { actorText } from './audit-labels';
import { AuditStore } from './audit-store';

describe('AuditStore', () => {
  let store: AuditStore;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        AuditStore,
        provideHttpClient(withInterceptors([apiInterceptor])),
        provideHttpClientTesting(),
        provideRouter([]),
      ],
    });
    store = TestBed.inject(AuditStore);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  it('sends only the filters that are set, from page 1', async () => {
    const done = store.applyFilters({ action: 'user.', actorType: 'user', from: '2026-01-01T00:00:00.000Z' });
    const req = backend.expectOne((r) => r.url === '/api/audit');
    expect(req.request.params.keys().sort()).toEqual(['action', 'actorType', 'from', 'page', 'pageSize']);
    expect(req.request.params.get('action')).toBe('user.');
    expect(req.request.params.get('page')).toBe('1');
    req.flush({ items: [auditFixture()], total: 1, page: 1, pageSize: 25 });
    await done;
    expect(store.entries()).toHaveLength(1);
    expect(store.filtered()).toBe(true);
  });

  it('reports an intact chain and a broken one', async () => {
    let verify = store.verify();
    expect(store.verifying()).toBe(true);
    backend.expectOne('/api/audit/verify').flush({ valid: true, entries: 12 });
    await verify;
    expect(store.verifyResult()).toEqual({ valid: true, entries: 12 });

    verify = store.verify();
    backend.expectOne('/api/audit/verify').flush({ valid: false, entries: 12, firstBrokenId: 7 });
    await verify;
    expect(store.verifyResult()).toEqual({ valid: false, entries: 12, firstBrokenId: 7 });
    expect(store.verifying()).toBe(false);
  });

  it('explains when verification itself fails', async () => {
    const verify = store.verify();
    backend.expectOne('/api/audit/verify').error(new ProgressEvent('error'), { status: 0 });
    await verify;
    expect(store.verifyResult()).toBeNull();
    expect(store.verifyError()).toContain("Can't reach the server");
  });
});

describe('audit filter form', () => {
  it('turns local days into an inclusive range ([start of from, start of the day after to))', () => {
    const filters = filtersFromForm({
      actorType: '',
      actorId: 'u-9',
      action: ' auth.login ',
      entityType: '',
      from: '2026-03-01',
      to: '2026-03-31',
    });
    expect(filters.actorId).toBe('u-9');
    expect(filters.action).toBe('auth.login');
    expect(filters).not.toHaveProperty('entityType');
    expect(filters).not.toHaveProperty('actorType');
    expect(new Date(filters.from ?? '').getTime()).toBe(new Date(2026, 2, 1).getTime());
    expect(new Date(filters.to ?? '').getTime()).toBe(new Date(2026, 3, 1).getTime());
  });

  it('ignores dates it cannot read', () => {
    const filters = filtersFromForm({
      actorType: '',
      actorId: '',
      action: '',
      entityType: '',
      from: 'x',
      to: '',
    });
    expect(filters).toEqual({});
  });
});

describe('actorText', () => {
  it('names the actor in words', () => {
    expect(actorText({ actorType: 'user', actorId: 'u-1', actorLabel: 'ana@example.com' })).toBe(
      'ana@example.com',
    );
    expect(actorText({ actorType: 'token', actorId: 't-1', actorLabel: 'ana@example.com' })).toBe(
      'ana@example.com (API token)',
    );
    expect(actorText({ actorType: 'system', actorId: null, actorLabel: null })).toBe('system');
    expect(actorText({ actorType: 'system', actorId: null, actorLabel: 'system' })).toBe('system');
    expect(actorText({ actorType: 'anonymous', actorId: null, actorLabel: 'who@x' })).toBe(
      'who@x (not signed in)',
    );
  });
});
