const SECRET_KEY =
  /(password|passwd|secret|token|authorization|cookie|api[-_]?key|credential|private[-_]?key)/i;
// Ids, timestamps and counts of secrets are not secrets (tokenId, tokenExpiresAt, …).
const NOT_SECRET = /(Id|Ids|At|Count|Name|Prefix)$/;

export const REDACTED = '[REDACTED]';

/** Deep copy with secret-looking fields replaced, for audit entries and logs. */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 8) return '[…]';
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] =
        SECRET_KEY.test(k) && !NOT_SECRET.test(k) && v !== null && v !== undefined
          ? REDACTED
          : redact(v, depth + 1);
    }
    return out;
  }
  return value;
}
