import { HttpErrorResponse } from '@angular/common/http';
import { ErrorBody } from '@dqw/shared-types';

/** What went wrong, in the words the UI branches on. */
export type ProblemKind =
  | 'offline'
  | 'unauthenticated'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'validation'
  | 'locked'
  | 'rate-limited'
  | 'too-large'
  | 'server'
  | 'unknown';

/**
 * An API failure translated for people: `message` is a sentence a user can act on, `fieldErrors` maps
 * form field names to their problems (from a 400's `details`).
 */
export class ApiProblem extends Error {
  /** The error body's `details` as sent (malformed rows, DSL positions…), for pages that show them. */
  details: unknown = null;
  /** The server's own sentence when it reads like one, even where `message` is a generic one. */
  serverMessage: string | null = null;

  constructor(
    readonly kind: ProblemKind,
    readonly status: number,
    message: string,
    readonly fieldErrors: Readonly<Record<string, string>> = {},
    readonly requestId: string | null = null,
  ) {
    super(message);
    this.name = 'ApiProblem';
  }
}

/** Turns anything a caller caught into something with a readable message. */
export function toProblem(error: unknown): ApiProblem {
  if (error instanceof ApiProblem) return error;
  if (error instanceof HttpErrorResponse) return problemFromResponse(error);
  return new ApiProblem('unknown', -1, 'Something unexpected happened. Please try again.');
}

export function problemFromResponse(response: HttpErrorResponse): ApiProblem {
  const body = readErrorBody(response.error);
  const problem = classify(response, body);
  problem.details = body?.details ?? null;
  problem.serverMessage = usableServerMessage(body?.message);
  return problem;
}

function classify(response: HttpErrorResponse, body: ErrorBody | null): ApiProblem {
  const requestId = body?.requestId ?? response.headers?.get('x-request-id') ?? null;
  const serverMessage = usableServerMessage(body?.message);
  const status = response.status;
  const fieldErrors = status === 400 || status === 422 ? fieldErrorsFrom(body?.details) : {};

  switch (true) {
    case status === 0:
      return new ApiProblem(
        'offline',
        0,
        "Can't reach the server. Check your connection, then try again.",
        {},
        requestId,
      );
    case status === 400 || status === 422: {
      const count = Object.keys(fieldErrors).length;
      const message =
        count > 0
          ? 'Some fields need attention — see the messages next to them.'
          : (serverMessage ?? 'The request was not accepted. Check what you entered and try again.');
      return new ApiProblem('validation', status, message, fieldErrors, requestId);
    }
    case status === 401:
      return new ApiProblem(
        isLockout(body) ? 'locked' : 'unauthenticated',
        401,
        isLockout(body) ? LOCKED_MESSAGE : (serverMessage ?? 'Please sign in to continue.'),
        {},
        requestId,
      );
    case status === 403:
      if (isLockout(body)) return new ApiProblem('locked', 403, LOCKED_MESSAGE, {}, requestId);
      return new ApiProblem(
        'forbidden',
        403,
        "You don't have access to this. Ask an administrator if you need it.",
        {},
        requestId,
      );
    case status === 404:
      return new ApiProblem(
        'not-found',
        404,
        serverMessage ??
          'That item no longer exists. It may have been removed — refresh to see the current list.',
        {},
        requestId,
      );
    case status === 409:
      return new ApiProblem(
        'conflict',
        409,
        serverMessage ?? 'That conflicts with the current state. Refresh and try again.',
        {},
        requestId,
      );
    case status === 413:
      return new ApiProblem('too-large', 413, 'That is too large for the server to accept.', {}, requestId);
    case status === 423:
      return new ApiProblem('locked', 423, LOCKED_MESSAGE, {}, requestId);
    case status === 429:
      return new ApiProblem('rate-limited', 429, rateLimitMessage(response), {}, requestId);
    case status >= 500:
      return new ApiProblem(
        'server',
        status,
        'Something went wrong on the server. Try again in a moment; if it keeps happening, tell your administrator' +
          (requestId ? ` (request id ${requestId}).` : '.'),
        {},
        requestId,
      );
    default:
      return new ApiProblem(
        'unknown',
        status,
        serverMessage ?? `The server answered with an unexpected error (${status}).`,
        {},
        requestId,
      );
  }
}

const LOCKED_MESSAGE =
  'This account is locked after too many failed sign-in attempts. Ask an administrator to unlock it, or wait and try again later.';

function rateLimitMessage(response: HttpErrorResponse): string {
  const retryAfter = Number(response.headers?.get('retry-after'));
  if (Number.isFinite(retryAfter) && retryAfter > 0) {
    const wait =
      retryAfter >= 90 ? `${Math.ceil(retryAfter / 60)} minutes` : `${Math.ceil(retryAfter)} seconds`;
    return `Too many attempts. Wait ${wait}, then try again.`;
  }
  return 'Too many attempts. Wait a minute, then try again.';
}

function isLockout(body: ErrorBody | null): boolean {
  return /\block(ed|out)\b/i.test(body?.message ?? '') || /\block(ed|out)\b/i.test(body?.error ?? '');
}

function readErrorBody(raw: unknown): ErrorBody | null {
  let value = raw;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return null;
    }
  }
  if (value && typeof value === 'object' && 'message' in value) {
    const body = value as Partial<ErrorBody> & { message: unknown };
    return {
      statusCode: typeof body.statusCode === 'number' ? body.statusCode : 0,
      error: typeof body.error === 'string' ? body.error : '',
      // Nest's default shape may carry an array of messages; keep the first readable one.
      message: Array.isArray(body.message) ? String(body.message[0] ?? '') : String(body.message ?? ''),
      details: body.details,
      requestId: typeof body.requestId === 'string' ? body.requestId : undefined,
    };
  }
  return null;
}

/** Server messages are shown only when they read like a sentence, not like a stack or an HTML page. */
function usableServerMessage(message: string | undefined): string | null {
  const text = (message ?? '').trim();
  if (!text || text.length > 300 || /[<{]|\bat \w+ \(|Exception\b/.test(text)) return null;
  return text;
}

/**
 * Accepts the field-error shapes an API commonly sends in `details`:
 * `[{field|property|path, message|messages|constraints}]` or `{field: message | message[]}`.
 */
export function fieldErrorsFrom(details: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const add = (field: unknown, message: unknown) => {
    const name = Array.isArray(field) ? field.join('.') : typeof field === 'string' ? field : null;
    const text = messageText(message);
    if (name && text && !(name in out)) out[name] = text;
  };
  if (Array.isArray(details)) {
    for (const item of details) {
      if (!item || typeof item !== 'object') continue;
      const entry = item as Record<string, unknown>;
      add(
        entry['field'] ?? entry['property'] ?? entry['path'],
        entry['message'] ?? entry['messages'] ?? entry['constraints'],
      );
    }
  } else if (details && typeof details === 'object') {
    for (const [field, message] of Object.entries(details as Record<string, unknown>)) add(field, message);
  }
  return out;
}

function messageText(message: unknown): string | null {
  if (typeof message === 'string') return message.trim() || null;
  if (Array.isArray(message)) return message.map(messageText).filter(Boolean).join(' ') || null;
  if (message && typeof message === 'object') return messageText(Object.values(message));
  return null;
}
