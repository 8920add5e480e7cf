import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { apiInterceptor } from '../../../core/http/api-interceptor';
import { AuthStore } from '../../../core/auth/auth-store';
import { meFor } from '../../../testing/fixtures';
import { LoginPage } from './login-page';
import { find, textOf } from '../../../testing/dom';

@Component({ template: 'page' })
class Page {}

describe('LoginPage', () => {
  let backend: HttpTestingController;

  async function render(returnUrl?: string) {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([apiInterceptor])),
        provideHttpClientTesting(),
        provideRouter([{ path: '**', component: Page }]),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(LoginPage);
    if (returnUrl) fixture.componentRef.setInput('returnUrl', returnUrl);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const fill = (email: string, password: string) => {
      for (const [id, value] of [
        ['login-email', email],
        ['login-password', password],
      ]) {
        const input = find<HTMLInputElement>(el, `#${id}`);
        input.value = value;
        input.dispatchEvent(new Event('input'));
      }
      find(el, 'form').dispatchEvent(new Event('submit'));
    };
    const alertText = async () => {
      await vi.waitFor(async () => {
        await fixture.whenStable();
        expect(el.querySelector('[data-testid="login-error"]')).not.toBeNull();
      });
      return textOf(el, '[data-testid="login-error"]');
    };
    return { fixture, el, fill, alertText };
  }

  afterEach(() => backend.verify());

  it('asks for both fields before sending anything', async () => {
    const { fixture, el, fill } = await render();
    fill('', '');
    await fixture.whenStable();
    expect(find(el, '#login-email-error').textContent).toContain('Enter your email address.');
    expect(find(el, '#login-password-error').textContent).toContain('Enter your password.');
    backend.expectNone('/api/auth/login');
  });

  it('signs in and goes back to the page the user wanted', async () => {
    const { fill } = await render('/tokens');
    fill('admin@example.com', 'a-good-password');
    backend.expectOne('/api/auth/login').flush(meFor('Admin'));
    const router = TestBed.inject(Router);
    await vi.waitFor(() => expect(router.url).toBe('/tokens'));
    expect(TestBed.inject(AuthStore).isAuthenticated()).toBe(true);
  });

  it('never follows a return URL to another site', async () => {
    const { fill } = await render('https://evil.example/phish');
    fill('admin@example.com', 'a-good-password');
    backend.expectOne('/api/auth/login').flush(meFor('Admin'));
    const router = TestBed.inject(Router);
    await vi.waitFor(() => expect(router.url).toBe('/dashboard'));
  });

  it('explains wrong credentials, mentioning the lockout, and clears the password', async () => {
    const { fill, alertText, el } = await render();
    fill('admin@example.com', 'wrong-password');
    backend
      .expectOne('/api/auth/login')
      .flush(
        { statusCode: 401, error: 'Unauthorized', message: 'Invalid email or password' },
        { status: 401, statusText: 'Unauthorized' },
      );
    const text = await alertText();
    expect(text).toContain('The email or password is incorrect.');
    expect(text).toContain('ask an administrator to unlock it');
    expect(find<HTMLInputElement>(el, '#login-password').value).toBe('');
  });

  it('explains the rate limit with the wait time', async () => {
    const { fill, alertText } = await render();
    fill('admin@example.com', 'x');
    backend.expectOne('/api/auth/login').flush(
      {
        statusCode: 429,
        error: 'Too Many Requests',
        message: 'Too many sign-in attempts; try again later',
      },
      { status: 429, statusText: 'Too Many Requests', headers: { 'Retry-After': '42' } },
    );
    expect(await alertText()).toBe('Too many attempts. Wait 42 seconds, then try again.');
  });

  it("says when the server can't be reached", async () => {
    const { fill, alertText } = await render();
    fill('admin@example.com', 'x');
    backend.expectOne('/api/auth/login').error(new ProgressEvent('error'), { status: 0 });
    expect(await alertText()).toBe("Can't reach the server. Check your connection, then try again.");
  });
});
