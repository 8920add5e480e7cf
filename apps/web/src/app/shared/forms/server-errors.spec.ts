import { FormControl } from '@angular/forms';
import { ApiProblem } from '../../core/http/api-problem';
import { ServerErrors } from './server-errors';

describe('ServerErrors', () => {
  it('puts known field errors next to their fields and the rest in the message', () => {
    const controls = { email: new FormControl(''), password: new FormControl('') };
    const errors = new ServerErrors<'email' | 'password'>(controls);
    errors.set(
      new ApiProblem('validation', 400, 'Some fields need attention.', {
        password: 'password is too common',
        tenant: 'tenant is not allowed',
      }),
      ['email', 'password'],
    );
    expect(errors.field('password')).toBe('password is too common');
    expect(errors.field('email')).toBeNull();
    expect(errors.message()).toBe('Some fields need attention. tenant is not allowed');
  });

  it("forgets a field's server error as soon as the user edits that field", () => {
    const controls = { email: new FormControl(''), password: new FormControl('') };
    const errors = new ServerErrors<'email' | 'password'>(controls);
    errors.set(new ApiProblem('conflict', 409, 'x', { email: 'taken', password: 'weak' }), [
      'email',
      'password',
    ]);
    controls.email.setValue('other@example.com');
    expect(errors.field('email')).toBeNull();
    expect(errors.field('password')).toBe('weak');
  });
});
