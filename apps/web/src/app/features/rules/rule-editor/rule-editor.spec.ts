import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { Role } from '@dqw/shared-types';
import { AuthStore } from '../../../core/auth/auth-store';
import { apiInterceptor } from '../../../core/http/api-interceptor';
import { button, find } from '../../../testing/dom';
import { meFor } from '../../../testing/fixtures';
import {
  FakeRunLive,
  datasetDetailFixture,
  datasetFixture,
  provideFakeRunLive,
  ruleFixture,
  runFixture,
  sampleFixture,
} from '../../runs/testing/fixtures';
import { RuleEditor } from './rule-editor';

describe('RuleEditor page', () => {
  let backend: HttpTestingController;
  let live: FakeRunLive;

  async function render(options: { role?: Role; ruleId?: string; datasetId?: string } = {}) {
    live = new FakeRunLive();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([apiInterceptor])),
        provideHttpClientTesting(),
        provideRouter([]),
        provideFakeRunLive(live),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    const router = TestBed.inject(Router);
    vi.spyOn(router, 'navigate').mockResolvedValue(true);
    const signedIn = TestBed.inject(AuthStore).ensureLoaded();
    backend.expectOne('/api/auth/me').flush(meFor(options.role ?? 'DataEngineer'));
    await signedIn;

    const fixture = TestBed.createComponent(RuleEditor);
    if (options.ruleId) fixture.componentRef.setInput('id', options.ruleId);
    if (options.datasetId) fixture.componentRef.setInput('datasetId', options.datasetId);
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    const settle = async <T>(check: () => T): Promise<T> =>
      vi.waitFor(async () => {
        await fixture.whenStable();
        return check();
      });

    backend
      .expectOne((r) => r.url === '/api/datasets')
      .flush({
        items: [datasetFixture()],
        total: 1,
        page: 1,
        pageSize: 200,
      });
    if (options.ruleId) {
      backend.expectOne(`/api/rules/${options.ruleId}`).flush(ruleFixture({ id: options.ruleId }));
      await settle(() => backend.expectOne((r) => r.url === `/api/rules/${options.ruleId}/versions`)).then(
        (r) => r.flush({ items: [], total: 0, page: 1, pageSize: 50 }),
      );
      backend.expectOne((r) => r.url === '/api/runs').flush({ items: [], total: 0, page: 1, pageSize: 5 });
    }
    if (options.ruleId || options.datasetId) {
      await settle(() => backend.expectOne('/api/datasets/ds-1')).then((r) =>
        r.flush(datasetDetailFixture()),
      );
      await settle(() => backend.expectOne((r) => r.url === '/api/datasets/ds-1/sample')).then((r) => {
        expect(r.request.params.get('limit')).toBe('1000');
        r.flush(sampleFixture());
      });
    }
    const area = find<HTMLTextAreaElement>(el, 'textarea[data-testid="dsl-input"]');
    const typeRule = async (text: string) => {
      area.value = text;
      area.dispatchEvent(new Event('input'));
      await fixture.whenStable();
    };
    const type = (id: string, value: string) => {
      const input = find<HTMLInputElement>(el, `#${id}`);
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    return { fixture, el, area, typeRule, type, settle, router };
  }

  afterEach(() => backend.verify());

  it('underlines a typo as the user types, then previews the fixed rule on the sample rows', async () => {
    const { el, typeRule, settle } = await render({ datasetId: 'ds-1' });
    await typeRule('NOT_NULL(emial)');
    const problems = await settle(() => find(el, '[data-testid="dsl-problems"]'));
    expect(problems.textContent).toContain("Line 1, column 10: Unknown column 'emial'");
    expect(el.querySelector('.mark')?.textContent).toBe('emial');
    expect(el.querySelector('[data-testid="preview-message"]')?.textContent).toContain('Fix the problems');

    await typeRule('NOT_NULL(email)');
    const verdict = await settle(() => {
      expect(el.querySelector('[data-testid="dsl-problems"]')).toBeNull();
      return find(el, '[data-testid="preview-verdict"]');
    });
    expect(verdict.textContent).toContain('Would fail: 2 of 6 rows in scope fail');
    const failing = [...el.querySelectorAll('tbody tr[data-failing="true"]')].map((r) =>
      r.getAttribute('data-row'),
    );
    expect(failing).toEqual(['2', '4']);
    // The checked column is named in the header and its failing values are highlighted.
    expect(find(el, 'th.checked').textContent).toContain('email');
    expect(el.querySelectorAll('td.fail-cell')).toHaveLength(2);
    expect(find(el, '[data-testid="dsl-valid"]').textContent).toContain('Valid NOT_NULL rule');
  });

  it('creates the rule with the form’s values and opens it', async () => {
    const { el, typeRule, type, settle, router } = await render({ datasetId: 'ds-1' });
    await typeRule("IN_RANGE(amount, 0, null) WHERE email != 'x'");
    type('rule-name', '  Amounts are positive ');
    button(el, 'Create rule').click();
    const post = await settle(() => backend.expectOne({ method: 'POST', url: '/api/rules' }));
    expect(post.request.body).toEqual({
      datasetId: 'ds-1',
      name: 'Amounts are positive',
      description: null,
      dsl: "IN_RANGE(amount, 0, null) WHERE email != 'x'",
      severity: 'MEDIUM',
      active: true,
      schedule: null,
    });
    post.flush(ruleFixture({ id: 'rule-7', name: 'Amounts are positive' }), {
      status: 201,
      statusText: 'Created',
    });
    await settle(() =>
      expect(router.navigate).toHaveBeenCalledWith(['/rules', 'rule-7'], { replaceUrl: true }),
    );
    // Creating reloads the (empty) history of the new rule.
    backend
      .match((r) => r.url.endsWith('/versions'))
      .forEach((r) => r.flush({ items: [], total: 0, page: 1, pageSize: 50 }));
  });

  it('does not send a rule that fails the browser’s check, and puts the caret on the problem', async () => {
    const { el, area, typeRule, type, settle } = await render({ datasetId: 'ds-1' });
    await typeRule('UNIQUE(order_id');
    type('rule-name', 'Ids');
    button(el, 'Create rule').click();
    await settle(() => expect(document.activeElement).toBe(area));
    backend.expectNone({ method: 'POST', url: '/api/rules' });
    expect(find(el, '[data-testid="dsl-problems"]').textContent).toContain('Line 1');
  });

  it('shows the server’s refusal of the rule text at its position', async () => {
    const { el, typeRule, type, settle } = await render({ datasetId: 'ds-1' });
    await typeRule('NOT_NULL(email)');
    type('rule-name', 'Emails');
    button(el, 'Create rule').click();
    const post = await settle(() => backend.expectOne({ method: 'POST', url: '/api/rules' }));
    const details = [{ line: 1, column: 10, length: 5, message: "Column 'email' was dropped by version 2" }];
    post.flush(
      {
        statusCode: 400,
        error: 'Bad Request',
        message: 'The rule is not valid: line 1, column 10: …',
        details,
      },
      { status: 400, statusText: 'Bad Request' },
    );
    // Positions come from the answer's details, or from POST /api/rules/validate when it has none.
    await settle(() => {
      for (const req of backend.match({ method: 'POST', url: '/api/rules/validate' })) {
        req.flush({ valid: false, errors: details, type: 'NOT_NULL', canonical: null, columns: [] });
      }
      expect(find(el, '[data-testid="dsl-problems"]').textContent).toContain('was dropped by version 2');
    });
    expect(el.querySelector('.mark')?.textContent).toBe('email');
    expect(find(el, '[data-testid="save-error"]').textContent).toContain('The rule is not valid');
  });

  it('validates the schedule with next fire times, and refuses a wrong one before sending', async () => {
    const { el, typeRule, type, settle } = await render({ datasetId: 'ds-1' });
    await typeRule('NOT_NULL(email)');
    type('rule-name', 'Emails');
    type('rule-schedule', '0 6 * *');
    await settle(() =>
      expect(find(el, '[data-testid="schedule-error"]').textContent).toContain('five fields'),
    );
    button(el, 'Create rule').click();
    backend.expectNone({ method: 'POST', url: '/api/rules' });
    type('rule-schedule', '0 6 * * *');
    await settle(() => expect(find(el, '#rule-schedule-hint').textContent).toContain('Next runs:'));
  });

  it('runs a saved rule and follows the run live', async () => {
    const { el, settle } = await render({ ruleId: 'rule-1' });
    await settle(() => expect(find<HTMLTextAreaElement>(el, 'textarea').value).toBe('NOT_NULL(email)'));
    button(el, 'Run now').click();
    const post = await settle(() => backend.expectOne({ method: 'POST', url: '/api/rules/run' }));
    expect(post.request.body).toEqual({ ruleIds: ['rule-1'] });
    post.flush(
      { runs: [{ id: 'run-5', ruleId: 'rule-1', status: 'queued' }] },
      { status: 202, statusText: 'Accepted' },
    );
    await settle(() => backend.expectOne('/api/runs/run-5')).then((r) =>
      r.flush(runFixture({ id: 'run-5', status: 'queued', queuedAt: '2026-03-01T00:00:00Z' })),
    );
    await settle(() => expect(find(el, '[data-testid="recent-runs"]').textContent).toContain('Queued'));

    live.progress('run-5', 40);
    live.updates$.next(runFixture({ id: 'run-5', status: 'running', queuedAt: '2026-03-01T00:00:00Z' }));
    await settle(() => expect(find(el, '[data-testid="recent-runs"]').textContent).toContain('Running 40 %'));
    live.updates$.next(runFixture({ id: 'run-5', status: 'passed', queuedAt: '2026-03-01T00:00:00Z' }));
    await settle(() => expect(find(el, '[data-testid="recent-runs"]').textContent).toContain('Passed'));
  });

  it('asks before leaving with unsaved changes, and not otherwise', async () => {
    const { fixture, typeRule } = await render({ datasetId: 'ds-1' });
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(false);
    expect(fixture.componentInstance.canLeave()).toBe(true);
    expect(confirm).not.toHaveBeenCalled();
    await typeRule('NOT_NULL(email)');
    expect(fixture.componentInstance.canLeave()).toBe(false);
    expect(confirm).toHaveBeenCalledWith('Leave this rule without saving your changes?');
  });

  it('lets an Analyst read and preview a rule but not change it', async () => {
    const { el, settle } = await render({ role: 'Analyst', ruleId: 'rule-1' });
    await settle(() => expect(find<HTMLTextAreaElement>(el, 'textarea').readOnly).toBe(true));
    expect(find<HTMLInputElement>(el, '#rule-name').disabled).toBe(true);
    expect(
      [...el.querySelectorAll('button')].some((b) => /Save changes|Run now|Delete/.test(b.textContent ?? '')),
    ).toBe(false);
    await settle(() =>
      expect(find(el, '[data-testid="preview-verdict"]').textContent).toContain('Would fail'),
    );
  });
});
