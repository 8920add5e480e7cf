// A short deny-list of the passwords attackers try first (long enough to pass the length rule).
const COMMON = new Set(
  [
    'password1234',
    'password12345',
    'password123456',
    'password123!',
    'passwordpassword',
    '123456789012',
    '1234567890123',
    '12345678901234',
    'qwertyuiop12',
    'qwertyuiop123',
    'qwerty123456',
    '1q2w3e4r5t6y',
    '1qaz2wsx3edc',
    'iloveyou1234',
    'welcome12345',
    'welcome123456',
    'letmein12345',
    'administrator',
    'admin1234567',
    'admin12345678',
    'adminadmin123',
    'changeme1234',
    'changeme12345',
    'trustno11234',
    'football1234',
    'baseball1234',
    'sunshine1234',
    'princess1234',
    'superman1234',
    'starwars1234',
    'monkey123456',
    'dragon123456',
    'abc123456789',
    'abcdefghijkl',
    'aaaaaaaaaaaa',
    '000000000000',
    '111111111111',
    'qazwsxedcrfv',
    'watchtower123',
    'watchtower1234',
    'p@ssw0rd1234',
    'passw0rd1234',
  ].map((p) => p.toLowerCase()),
);

/** True for passwords on the deny-list or made of one repeated character. */
export function isCommonPassword(password: string): boolean {
  const p = password.toLowerCase();
  return COMMON.has(p) || /^(.)\1*$/.test(p);
}
