import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { apiInterceptor } from '../../../core/http/api-interceptor';
import { userFixture } from '../../../testing/fixtures';
import { UsersStore } from '../users-store';
import { UserCreateDialog } from './user-create-dialog';
import { find } from '../../../testing/dom';

describe('UserCreateDialog', () => {
  let backend: HttpTestingController;

  async function render() {
    TestBed.configureTestingModule({
      providers: [
        UsersStore,
        provideHttpClient(withInterceptors([apiInterceptor])),
        provideHttpClientTesting(),
        provideRouter([]),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(UserCreateDialog);
    const closed = vi.fn();
    fixture.componentInstance.closed.subscribe(closed);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const type = (id: string, value: string) => {
      const input = find<HTMLInputElement | HTMLSelectElement>(el, `#${id}`);
      input.value = value;
      input.dispatchEvent(new Event(input instanceof HTMLSelectElement ? 'change' : 'input'));
    };
    const submit = async () => {
      find(el, 'form').dispatchEvent(new Event('submit'));
      await fixture.whenStable();
    };
    const errorOf = (id: string) => el.querySelector(`#${id}-error`)?.textContent?.trim() ?? null;
    return { fixture, el, type, submit, errorOf, closed };
  }

  afterEach(() => backend.verify());

  it('refuses to send a password shorter than 12 characters, and says so next to the field', async () => {
    const { type, submit, errorOf, el } = await render();
    type('new-user-email', 'dana@example.com');
    type('new-user-password', 'short-pass1');
    await submit();
    expect(errorOf('new-user-password')).toBe('Use at least 12 characters.');
    expect(find(el, '#new-user-password').getAttribute('aria-invalid')).toBe('true');
    expect(find(el, '#new-user-password-hint').textContent).toContain('(11 so far)');
    backend.expectNone('/api/users');
  });

  it('asks for a valid email', async () => {
    const { type, submit, errorOf } = await render();
    type('new-user-email', 'not-an-email');
    type('new-user-password', 'twelve-chars-ok');
    await submit();
    expect(errorOf('new-user-email')).toBe('Enter a valid email address.');
  });

  it('sends a valid user with the chosen role and closes', async () => {
    const { type, submit, closed } = await render();
    type('new-user-email', ' dana@example.com ');
    type('new-user-name', 'Dana');
    type('new-user-role', 'DataEngineer');
    type('new-user-password', 'twelve-chars-ok');
    await submit();
    const req = backend.expectOne({ method: 'POST', url: '/api/users' });
    expect(req.request.body).toEqual({
      email: 'dana@example.com',
      displayName: 'Dana',
      role: 'DataEngineer',
      password: 'twelve-chars-ok',
    });
    req.flush(userFixture({ email: 'dana@example.com' }));
    await vi.waitFor(() =>
      backend.expectOne({ method: 'GET', url: '/api/users?page=1&pageSize=25' }).flush({
        items: [],
        total: 0,
        page: 1,
        pageSize: 25,
      }),
    );
    await vi.waitFor(() => expect(closed).toHaveBeenCalled());
  });

  it("shows the server's field errors (e.g. a common password) next to the fields and stays open", async () => {
    const { fixture, type, submit, errorOf, closed } = await render();
    type('new-user-email', 'dana@example.com');
    type('new-user-password', 'password1234');
    await submit();
    backend.expectOne({ method: 'POST', url: '/api/users' }).flush(
      {
        statusCode: 400,
        error: 'Bad Request',
        message: 'password is too common',
        details: [{ field: 'password', messages: ['password is too common; choose another'] }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await vi.waitFor(async () => {
      await fixture.whenStable();
      expect(errorOf('new-user-password')).toBe('password is too common; choose another');
    });
    expect(closed).not.toHaveBeenCalled();
  });
});
