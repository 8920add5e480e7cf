import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { NotificationChannelDto } from '@dqw/shared-types';
import { apiInterceptor } from '../../../core/http/api-interceptor';
import { button, find } from '../../../testing/dom';
import { ChannelsStore } from '../channels-store';
import { channelFixture } from '../testing/settings-fixtures';
import { ChannelDialog } from './channel-dialog';

describe('ChannelDialog', () => {
  let backend: HttpTestingController;

  async function render(channel: NotificationChannelDto | null) {
    TestBed.configureTestingModule({
      providers: [
        ChannelsStore,
        provideHttpClient(withInterceptors([apiInterceptor])),
        provideHttpClientTesting(),
        provideRouter([]),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(ChannelDialog);
    fixture.componentRef.setInput('channel', channel);
    await fixture.whenStable();
    return { fixture, el: fixture.nativeElement as HTMLElement };
  }

  function type(el: HTMLElement, selector: string, value: string) {
    const input = find<HTMLInputElement>(el, selector);
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  afterEach(() => backend.verify());

  it('shows a refused target next to the URL field', async () => {
    const { fixture, el } = await render(null);
    type(el, '#channel-name', 'Private');
    type(el, '#channel-url', 'http://10.0.0.1/hook');
    await fixture.whenStable();
    button(el, 'Create channel').click();
    backend.expectOne({ method: 'POST', url: '/api/notification-channels' }).flush(
      {
        statusCode: 400,
        error: 'Bad Request',
        message:
          'url: Refused to contact 10.0.0.1: 10.0.0.1 is a private address (an Admin can allow it with NOTIFY_ALLOWED_HOSTS)',
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await vi.waitFor(async () => {
      await fixture.whenStable();
      expect(find(el, '#channel-url-error').textContent).toContain('is a private address');
    });
    expect(find(el, '#channel-url').getAttribute('aria-invalid')).toBe('true');
  });

  it('says a secret is set without showing it, and sends only what changed', async () => {
    const { fixture, el } = await render(channelFixture());
    const secret = find<HTMLInputElement>(el, '#channel-secret');
    expect(secret.value).toBe('');
    expect(secret.placeholder).toContain('A secret is set');
    expect(el.textContent).toContain('Replace the signing secret');
    find<HTMLInputElement>(el, '#channel-event-reopened').click();
    await fixture.whenStable();
    button(el, 'Save changes').click();
    const patch = backend.expectOne({ method: 'PATCH', url: '/api/notification-channels/ch-1' });
    expect(patch.request.body).toEqual({ events: ['opened', 'breached', 'resolved', 'severity_raised'] });
    patch.flush(channelFixture({ events: ['opened', 'breached', 'resolved', 'severity_raised'] }));
  });
});
