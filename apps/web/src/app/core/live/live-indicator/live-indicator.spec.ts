import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { meFor } from '../../../testing/fixtures';
import { AuthStore } from '../../auth/auth-store';
import { apiInterceptor } from '../../http/api-interceptor';
import { EVENT_SOURCE_FACTORY, EventSourceLike } from '../live-events';
import { LiveIndicator } from './live-indicator';

describe('LiveIndicator', () => {
  it('says whether live updates are on, in words for screen readers too', async () => {
    const source: EventSourceLike & { readyState: number } = {
      readyState: 0,
      onopen: null,
      onerror: null,
      addEventListener: () => undefined,
      close: () => undefined,
    };
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([apiInterceptor])),
        provideHttpClientTesting(),
        provideRouter([]),
        { provide: EVENT_SOURCE_FACTORY, useValue: () => source },
      ],
    });
    const fixture = TestBed.createComponent(LiveIndicator);
    const el = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
    expect(el.textContent?.trim()).toBe(''); // signed out: nothing to show

    const loaded = TestBed.inject(AuthStore).ensureLoaded();
    TestBed.inject(HttpTestingController).expectOne('/api/auth/me').flush(meFor('Analyst'));
    await loaded;
    await fixture.whenStable();
    expect(el.querySelector('[role="status"]')?.textContent).toContain('Connecting to live updates');

    source.readyState = 1;
    source.onopen?.(new Event('open'));
    await fixture.whenStable();
    expect(el.querySelector('.live-short')?.textContent?.trim()).toBe('Live');
    expect(el.querySelector('.visually-hidden')?.textContent).toBe('Live updates are on.');

    source.readyState = 0;
    source.onerror?.(new Event('error'));
    await fixture.whenStable();
    expect(el.textContent).toContain('Live updates paused: reconnecting.');
  });
});
