import { describe, expect, it } from 'vitest';
import { describeConnectionError } from './connections.service';
import type { ConnectionSpec } from '../../../core/engines/source-spec';

const mysql = {
  kind: 'mysql',
  host: 'db.example',
  port: 3306,
  user: 'u',
  password: 's3cret-pw',
} as ConnectionSpec;

describe('describeConnectionError', () => {
  it('says a refused login in one sentence whatever code the server version sends', () => {
    const expected = 'db.example:3306 refused the user name or password';
    expect(describeConnectionError({ code: 'ER_ACCESS_DENIED_ERROR', errno: 1045 }, mysql)).toBe(expected);
    expect(describeConnectionError({ errno: 1698, message: 'x' }, mysql)).toBe(expected);
    expect(describeConnectionError({ message: "Access denied for user 'nobody'@'127.0.0.1'" }, mysql)).toBe(
      expected,
    );
  });

  it('never echoes the password in an unrecognised error', () => {
    const text = describeConnectionError({ message: 'bad handshake for s3cret-pw' }, mysql);
    expect(text).toBe('Could not connect to db.example:3306: bad handshake for ***');
  });
});
