import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { DomainError, TooManyRequestsError } from './domain-errors';
import { bodyParserError, errorBody } from './error-body';
import { RequestWithContext } from './request-context';

interface Mapped {
  status: number;
  message: string;
  details?: unknown;
}

function fromHttpException(e: HttpException): Mapped {
  const status = e.getStatus();
  const body = e.getResponse();
  if (typeof body === 'string') return { status, message: body };
  const b = body as { message?: unknown; details?: unknown };
  const message = Array.isArray(b.message) ? b.message.join('; ') : String(b.message ?? e.message);
  return {
    status,
    message: status === 429 ? 'Too many requests; try again later' : message,
    details: b.details,
  };
}

function isUniqueViolation(e: QueryFailedError): boolean {
  const code = (e.driverError as { code?: string } | undefined)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** The single place that turns any error into `{statusCode, error, message, details?}`. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const req = host.switchToHttp().getRequest<RequestWithContext>();
    const res = host.switchToHttp().getResponse<Response>();
    const m = this.map(exception);
    if (m.status >= 500) {
      this.logger.error({ err: exception, requestId: req.id }, 'Unhandled error');
    }
    if (exception instanceof TooManyRequestsError && exception.retryAfterSeconds) {
      res.setHeader('Retry-After', String(exception.retryAfterSeconds));
    }
    if (res.headersSent) return;
    res.status(m.status).json(errorBody(m.status, m.message, m.details, req.id));
  }

  private map(e: unknown): Mapped {
    if (e instanceof DomainError) return { status: e.status, message: e.message, details: e.details };
    if (e instanceof HttpException) return fromHttpException(e);
    const bp = bodyParserError(e);
    if (bp) return bp;
    if (e instanceof QueryFailedError && isUniqueViolation(e)) {
      return { status: 409, message: 'Conflicts with an existing record' };
    }
    return { status: 500, message: 'Internal server error' };
  }
}
