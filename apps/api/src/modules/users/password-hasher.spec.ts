import { loadConfig } from '../../core/config/config';
import { PasswordHasher, passwordProblem } from './password-hasher';
import { generatePassword } from './secrets';

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher(loadConfig({ PASSWORD_SCRYPT_COST: '10' }));

  it('hashes with a random salt and verifies exactly', async () => {
    const h1 = await hasher.hash('correct horse battery');
    const h2 = await hasher.hash('correct horse battery');
    expect(h1).toMatch(/^scrypt\$10\$8\$1\$/);
    expect(h1).not.toBe(h2);
    expect(await hasher.verify('correct horse battery', h1)).toBe(true);
    expect(await hasher.verify('correct horse batterY', h1)).toBe(false);
    expect(await hasher.verify('correct horse battery', 'garbage')).toBe(false);
    expect(await hasher.verify('x', 'scrypt$99$8$1$AA==$AA==')).toBe(false);
  });

  it('applies the length rule and the common-password list', () => {
    expect(passwordProblem('short')).toMatch(/at least 12/);
    expect(passwordProblem('Password1234')).toMatch(/too common/);
    expect(passwordProblem('zzzzzzzzzzzzzz')).toMatch(/too common/);
    expect(passwordProblem('x'.repeat(257))).toMatch(/at most 256/);
    expect(passwordProblem('a perfectly fine passphrase')).toBeNull();
  });

  it('generates passwords that pass the policy', () => {
    const p = generatePassword();
    expect(p).toMatch(/^[a-zA-Z2-9]{20}$/);
    expect(passwordProblem(p)).toBeNull();
  });
});
