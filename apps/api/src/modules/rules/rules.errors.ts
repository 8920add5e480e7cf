import { DomainError } from '../../core/http/domain-errors';

/** 422: e.g. an Idempotency-Key reused with a different request. */
export class UnprocessableError extends DomainError {
  readonly status = 422;
}

/** 410: the thing existed but is gone for good (pruned evidence). */
export class GoneError extends DomainError {
  readonly status = 410;
}

export { ServiceUnavailableError } from '../../core/http/domain-errors';
