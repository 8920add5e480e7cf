import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { QueuesResponse, Role } from '@dqw/shared-types';
import { signedIn } from '../../datasets/testing/signed-in';
import { queuesFixture } from '../testing/queues-fixtures';
import { QueueStatus } from './queue-status';

describe('QueueStatus page', () => {
  let backend: HttpTestingController;

  async function render(role: Role, data: QueuesResponse) {
    ({ backend } = await signedIn(role));
    const fixture = TestBed.createComponent(QueueStatus);
    backend.expectOne('/api/queues').flush(data);
    const el = fixture.nativeElement as HTMLElement;
    await vi.waitFor(async () => {
      await fixture.whenStable();
      expect(el.querySelector('[data-testid="queues-table"]')).not.toBeNull();
    });
    fixture.destroy(); // stops the refresh timer; the DOM stays for the assertions
    return el;
  }

  afterEach(() => backend.verify());

  it('shows every queue with its counts and explains the embedded mode', async () => {
    const el = await render('Admin', queuesFixture());
    const row = el.querySelector('tr[data-queue="rule-runs"]')?.textContent?.replace(/\s+/g, ' ') ?? '';
    expect(row).toContain('Rule runs');
    expect(row).toContain('4');
    expect(el.querySelectorAll('tbody tr')).toHaveLength(4);
    expect(el.querySelector('[data-testid="embedded-explanation"]')?.textContent).toContain('embedded mode');
    expect(el.querySelector('[data-testid="bull-board-link"]')).toBeNull();
  });

  it('links Admins to bull-board in production mode and warns when Redis is gone', async () => {
    const el = await render(
      'Admin',
      queuesFixture({ backend: 'bull', available: false, dashboardUrl: '/admin/queues' }),
    );
    expect(el.querySelector('[data-testid="bull-board-link"]')?.getAttribute('href')).toBe('/admin/queues');
    expect(el.querySelector('[data-testid="queues-unavailable"]')?.textContent).toContain(
      'new runs are refused',
    );
  });

  it('does not offer bull-board to a data engineer', async () => {
    const el = await render(
      'DataEngineer',
      queuesFixture({ backend: 'bull', dashboardUrl: '/admin/queues' }),
    );
    expect(el.querySelector('[data-testid="bull-board-link"]')).toBeNull();
    expect(el.textContent).toContain('Admins can open the job dashboard');
  });
});
