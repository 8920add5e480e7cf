import { auditHash, GENESIS_HASH, HashedContent } from './audit-hash';
import { REDACTED, redact } from './redact';

const content: HashedContent = {
  at: new Date('2026-01-02T03:04:05.678Z'),
  actorType: 'user',
  actorId: 'u1',
  actorLabel: 'a@b.c',
  action: 'user.update',
  entityType: 'user',
  entityId: 'u2',
  summary: 'Updated',
  changes: '{"a":1}',
  ip: '127.0.0.1',
  requestId: 'r1',
};

describe('audit hash', () => {
  it('depends on every field and on the previous hash', () => {
    const h = auditHash(GENESIS_HASH, content);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(auditHash(GENESIS_HASH, { ...content })).toBe(h);
    expect(auditHash('1'.repeat(64), content)).not.toBe(h);
    for (const [k, v] of Object.entries({ ...content, at: new Date(0) })) {
      const changed = { ...content, [k]: k === 'at' ? v : `${String(v)}x` } as HashedContent;
      expect(auditHash(GENESIS_HASH, changed), k).not.toBe(h);
    }
  });

  it('is not fooled by moving text between fields', () => {
    const a = auditHash(GENESIS_HASH, { ...content, summary: 'ab', changes: 'c' });
    const b = auditHash(GENESIS_HASH, { ...content, summary: 'a', changes: 'bc' });
    expect(a).not.toBe(b);
  });
});

describe('redact', () => {
  it('hides secrets at any depth but keeps ids and dates of secrets', () => {
    const out = redact({
      password: 'p',
      nested: { newPassword: 'n', apiKey: 'k', list: [{ token: 't', tokenId: 'id-1' }] },
      authorization: 'Bearer x',
      tokenExpiresAt: new Date('2026-01-01T00:00:00Z'),
      name: 'visible',
      secretName: 'a label',
    });
    expect(out).toEqual({
      password: REDACTED,
      nested: { newPassword: REDACTED, apiKey: REDACTED, list: [{ token: REDACTED, tokenId: 'id-1' }] },
      authorization: REDACTED,
      tokenExpiresAt: '2026-01-01T00:00:00.000Z',
      name: 'visible',
      secretName: 'a label',
    });
  });
});
