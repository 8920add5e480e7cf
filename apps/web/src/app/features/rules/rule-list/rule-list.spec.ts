import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { Role } from '@dqw/shared-types';
import { AuthStore } from '../../../core/auth/auth-store';
import { apiInterceptor } from '../../../core/http/api-interceptor';
import { meFor } from '../../../testing/fixtures';
import { datasetFixture, provideFakeRunLive, ruleFixture, runFixture } from '../../runs/testing/fixtures';
import { RuleList } from './rule-list';

describe('RuleList page', () => {
  let backend: HttpTestingController;

  async function render(role: Role, rules = [ruleFixture()]) {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([apiInterceptor])),
        provideHttpClientTesting(),
        provideRouter([]),
        provideFakeRunLive(),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    const signedIn = TestBed.inject(AuthStore).ensureLoaded();
    backend.expectOne('/api/auth/me').flush(meFor(role));
    await signedIn;
    const fixture = TestBed.createComponent(RuleList);
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    backend
      .expectOne((r) => r.url === '/api/datasets')
      .flush({ items: [datasetFixture()], total: 1, page: 1, pageSize: 200 });
    backend
      .expectOne((r) => r.url === '/api/rules')
      .flush({ items: rules, total: rules.length, page: 1, pageSize: 25 });
    // The page's badges come in one request (none when the page is empty); rule-1 has run.
    if (rules.length) {
      const latest = await vi.waitFor(async () => {
        await fixture.whenStable();
        return backend.expectOne((r) => r.url === '/api/runs/latest');
      });
      const ids = latest.request.params.get('ruleIds')?.split(',') ?? [];
      latest.flush({ items: ids.includes('rule-1') ? [runFixture()] : [] });
    } else {
      await vi.waitFor(async () => {
        await fixture.whenStable();
        expect(el.textContent).not.toContain('Loading rules');
      });
    }
    await fixture.whenStable();
    return { fixture, el };
  }

  afterEach(() => backend.verify());

  it('shows each rule with its dataset, severity, highlighted text and latest run', async () => {
    const { el } = await render('DataEngineer', [
      ruleFixture(),
      ruleFixture({ id: 'rule-2', name: 'Never run', severity: 'HIGH' }),
    ]);
    const row = el.querySelector('tr[data-rule="Emails present"]');
    expect(row?.textContent).toContain('orders');
    expect(row?.textContent).toContain('Medium');
    expect(row?.querySelector('.t-rule')?.textContent).toBe('NOT_NULL');
    expect(row?.querySelector('[data-testid="run-status"]')?.textContent).toContain('Failed');
    expect(el.querySelector('tr[data-rule="Never run"]')?.textContent).toContain('Never run');
    expect([...el.querySelectorAll('button')].some((b) => b.textContent?.includes('Run'))).toBe(true);
  });

  it('explains rules and points to recommendations when there are none', async () => {
    const { el } = await render('Analyst', []);
    expect(el.textContent).toContain('No rules yet');
    expect(el.textContent).toContain('accept the rules Watchtower recommends');
    const links = [...el.querySelectorAll('a')].map((a) => a.textContent?.trim());
    expect(links).toContain('See recommendations');
    // Analysts read rules; they neither write nor run them.
    expect(links).not.toContain('New rule');
    expect(links).not.toContain('Write a rule');
  });
});
