/**
 * Errors that services throw. They know nothing about HTTP beyond a status number; the one exception
 * filter turns them into the API's error shape `{statusCode, error, message, details?}`.
 */
export abstract class DomainError extends Error {
  abstract readonly status: number;
  constructor(
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** 400: the input is well-formed but not acceptable (business validation). */
export class InvalidInputError extends DomainError {
  readonly status = 400;
}

/** 401: no valid credentials. */
export class UnauthenticatedError extends DomainError {
  readonly status = 401;
}

/** 403: authenticated but not allowed. */
export class ForbiddenError extends DomainError {
  readonly status = 403;
}

export class NotFoundError extends DomainError {
  readonly status = 404;
  constructor(entity: string, id?: string) {
    super(id === undefined ? `${entity} not found` : `${entity} ${id} not found`);
  }
}

/** 503: a resource the request needs is short right now (Redis unreachable, memory); retrying later works. */
export class ServiceUnavailableError extends DomainError {
  readonly status = 503;
}

/** 409: the request conflicts with the current state (duplicate, forbidden transition, last admin…). */
export class ConflictError extends DomainError {
  readonly status = 409;
}

export class TooManyRequestsError extends DomainError {
  readonly status = 429;
  constructor(
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}
