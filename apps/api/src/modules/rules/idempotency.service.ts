import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, randomUUID } from 'node:crypto';
import { IsNull, LessThan, QueryFailedError, Repository } from 'typeorm';
import { ConflictError, InvalidInputError } from '../../core/http/domain-errors';
import { currentRequestContext } from '../../core/http/request-context';
import { IdempotencyKey } from './idempotency-key.entity';
import { UnprocessableError } from './rules.errors';

/** How long a key is remembered; a key reused later starts a new request. */
export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;
/** How long a repeat waits for the first request with its key to finish. */
const WAIT_FOR_FIRST_MS = 30_000;
/**
 * A claim without an answer after this long belongs to a request whose process died (answering takes well
 * under a second): a repeat takes it over under the same request id, so the work it started (runs keyed
 * by that id) is found again rather than done twice.
 */
export const IDEMPOTENCY_STALE_CLAIM_MS = 15_000;
const KEY_FORMAT = /^[\x21-\x7e]{1,255}$/;

/** JSON with object keys sorted, so `{a, b}` and `{b, a}` are the same request. */
function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${stableJson(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

function isUniqueViolation(e: unknown): boolean {
  const code = (e instanceof QueryFailedError ? (e.driverError as { code?: string }) : undefined)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * `Idempotency-Key` for POST endpoints that start work. The first request with a key (per user and
 * endpoint) claims it with a unique row, runs, and stores its answer; repeats with the same body get
 * that answer — also while the first is still running (they wait for it); a repeat with another body
 * is refused with 422. A failed first request releases the key, so the client can retry; the key of a
 * request whose process died is taken over by a repeat after IDEMPOTENCY_STALE_CLAIM_MS.
 */
@Injectable()
export class IdempotencyService {
  constructor(@InjectRepository(IdempotencyKey) private readonly keys: Repository<IdempotencyKey>) {}

  async run<T>(
    scope: string,
    userId: string,
    key: string,
    body: unknown,
    /** `resumed`: the request id was taken over from a request whose process died; find its work. */
    fn: (requestId: string, resumed: boolean) => Promise<T>,
  ): Promise<T> {
    if (!KEY_FORMAT.test(key)) {
      throw new InvalidInputError('Idempotency-Key must be 1–255 visible ASCII characters');
    }
    const requestHash = createHash('sha256').update(stableJson(body)).digest('hex');
    const claimed = await this.claim(scope, userId, key, requestHash);
    if ('replay' in claimed) {
      // A replay changes nothing: no audit entry (the first request wrote one).
      const ctx = currentRequestContext();
      if (ctx) ctx.audited = true;
      return claimed.replay as T;
    }
    let result: T;
    try {
      result = await fn(claimed.id, claimed.resumed === true);
    } catch (e) {
      await this.keys.delete({ id: claimed.id }).catch(() => undefined);
      throw e;
    }
    await this.keys.update(
      { id: claimed.id },
      { response: JSON.stringify(result), statusCode: 202, completedAt: new Date() },
    );
    return result;
  }

  /** Keys older than the TTL (called by the maintenance queue). */
  async prune(now = new Date()): Promise<number> {
    const res = await this.keys.delete({ createdAt: LessThan(new Date(now.getTime() - IDEMPOTENCY_TTL_MS)) });
    return res.affected ?? 0;
  }

  /** Claims an abandoned key (no answer, claimed long ago); only one of several repeats gets it. */
  private async takeOverStale(id: string): Promise<boolean> {
    const res = await this.keys.update(
      { id, response: IsNull(), createdAt: LessThan(new Date(Date.now() - IDEMPOTENCY_STALE_CLAIM_MS)) },
      { createdAt: new Date() },
    );
    return (res.affected ?? 0) > 0;
  }

  private async claim(
    scope: string,
    userId: string,
    key: string,
    requestHash: string,
  ): Promise<{ id: string; resumed?: true } | { replay: unknown }> {
    const deadline = Date.now() + WAIT_FOR_FIRST_MS;
    let pause = 20;
    for (;;) {
      const id = randomUUID();
      try {
        await this.keys.insert({
          id,
          scope,
          userId,
          key,
          requestHash,
          createdAt: new Date(),
          response: null,
        });
        return { id };
      } catch (e) {
        if (!isUniqueViolation(e)) throw e;
      }
      const existing = await this.keys.findOneBy({ scope, userId, key });
      if (!existing) continue; // released by a failed first request: try to claim it again
      if (existing.createdAt.getTime() < Date.now() - IDEMPOTENCY_TTL_MS) {
        await this.keys.delete({ id: existing.id });
        continue;
      }
      if (existing.requestHash !== requestHash) {
        throw new UnprocessableError(
          'This Idempotency-Key was already used with a different request body; use a new key for a new request',
        );
      }
      if (existing.response !== null) return { replay: JSON.parse(existing.response) as unknown };
      if (await this.takeOverStale(existing.id)) return { id: existing.id, resumed: true };
      if (Date.now() > deadline) {
        throw new ConflictError('A request with this Idempotency-Key is still in progress; retry shortly');
      }
      await sleep(pause);
      pause = Math.min(pause * 2, 250);
    }
  }
}
