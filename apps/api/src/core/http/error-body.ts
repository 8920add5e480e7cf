import { STATUS_CODES } from 'node:http';
import { ErrorBody } from '@dqw/shared-types';

export function errorBody(
  statusCode: number,
  message: string,
  details?: unknown,
  requestId?: string,
): ErrorBody {
  return {
    statusCode,
    error: STATUS_CODES[statusCode] ?? 'Error',
    message,
    ...(details === undefined ? {} : { details }),
    ...(requestId ? { requestId } : {}),
  };
}

interface BodyParserError {
  type?: string;
  status?: number;
  statusCode?: number;
}

/** Maps errors of the JSON body parser (malformed JSON, too large, bad encoding) to status + message. */
export function bodyParserError(err: unknown): { status: number; message: string } | null {
  const e = err as BodyParserError | null;
  if (!e || typeof e !== 'object' || typeof e.type !== 'string') return null;
  switch (e.type) {
    case 'entity.parse.failed':
      return { status: 400, message: 'Malformed JSON in request body' };
    case 'entity.too.large':
      return { status: 413, message: 'Request body is too large' };
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return { status: 415, message: 'Unsupported request body encoding' };
    case 'request.aborted':
      return { status: 400, message: 'Request was aborted' };
    default: {
      const status = e.status ?? e.statusCode ?? 400;
      return { status: status >= 400 && status < 500 ? status : 400, message: 'Invalid request body' };
    }
  }
}
