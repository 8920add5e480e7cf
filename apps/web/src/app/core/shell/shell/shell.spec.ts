import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { Role } from '@dqw/shared-types';
import { meFor } from '../../../testing/fixtures';
import { AuthStore } from '../../auth/auth-store';
import { apiInterceptor } from '../../http/api-interceptor';
import { Shell } from './shell';
import { find, button } from '../../../testing/dom';

@Component({ template: '<h1>Page</h1>' })
class Page {}

async function renderAs(role: Role) {
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(withInterceptors([apiInterceptor])),
      provideHttpClientTesting(),
      provideRouter([
        { path: 'login', component: Page },
        { path: '**', component: Page },
      ]),
    ],
  });
  const backend = TestBed.inject(HttpTestingController);
  const loaded = TestBed.inject(AuthStore).ensureLoaded();
  backend.expectOne('/api/auth/me').flush(meFor(role, { displayName: 'Dana' }));
  await loaded;
  const fixture = TestBed.createComponent(Shell);
  await fixture.whenStable();
  return { fixture, backend, element: fixture.nativeElement as HTMLElement };
}

describe('Shell', () => {
  it('shows the landmarks, the user and only the sections an Analyst may see', async () => {
    const { element } = await renderAs('Analyst');
    expect(element.querySelector('header')).not.toBeNull();
    expect(element.querySelector('nav[aria-label="Main"]')).not.toBeNull();
    expect(element.querySelector('main#main')).not.toBeNull();
    const links = [...element.querySelectorAll('nav a')].map((a) => a.textContent?.trim());
    expect(links).toContain('API tokens');
    expect(links).not.toContain('Users');
    expect(links).not.toContain('Audit log');
    expect(element.querySelector('[data-testid="current-user"]')?.textContent).toContain('Dana');
    expect(element.querySelector('[data-testid="current-user"]')?.textContent).toContain('Analyst');
  });

  it('opens and closes the navigation on small screens with an announced state', async () => {
    const { fixture, element } = await renderAs('Admin');
    const toggle = find<HTMLButtonElement>(element, 'button[aria-controls="dqw-sidebar"]');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    toggle.click();
    await fixture.whenStable();
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(toggle.getAttribute('aria-label')).toBe('Close navigation');
  });

  it('signs out on the server and returns to the login page', async () => {
    const { fixture, element, backend } = await renderAs('Admin');
    const router = TestBed.inject(Router);
    const signOut = button(element, 'Sign out');
    signOut.click();
    backend.expectOne('/api/auth/logout').flush(null, { status: 204, statusText: 'No Content' });
    await vi.waitFor(() => expect(router.url).toBe('/login'));
    expect(TestBed.inject(AuthStore).isAuthenticated()).toBe(false);
    fixture.destroy();
  });
});
