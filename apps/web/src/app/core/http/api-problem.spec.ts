import { HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import { ApiProblem, fieldErrorsFrom, problemFromResponse, toProblem } from './api-problem';

function response(status: number, error: unknown, headers: Record<string, string> = {}): HttpErrorResponse {
  return new HttpErrorResponse({ status, error, headers: new HttpHeaders(headers), url: '/api/x' });
}

describe('problemFromResponse', () => {
  it('explains a network failure (status 0) as an unreachable server', () => {
    const problem = problemFromResponse(response(0, new ProgressEvent('error')));
    expect(problem.kind).toBe('offline');
    expect(problem.message).toBe("Can't reach the server. Check your connection, then try again.");
  });

  it('says "you don\'t have access" for 403, whatever the server wrote', () => {
    const problem = problemFromResponse(
      response(403, { statusCode: 403, error: 'Forbidden', message: 'Forbidden resource' }),
    );
    expect(problem.kind).toBe('forbidden');
    expect(problem.message).toContain("You don't have access");
  });

  it('recognises a lockout whether the API answers 401, 403 or 423', () => {
    for (const status of [401, 403, 423]) {
      const problem = problemFromResponse(
        response(status, {
          statusCode: status,
          error: 'Locked',
          message: 'Account locked after failed attempts',
        }),
      );
      expect(problem.kind, `status ${status}`).toBe('locked');
      expect(problem.message).toContain('Ask an administrator to unlock it');
    }
  });

  it('tells how long to wait when rate limited, from Retry-After', () => {
    expect(problemFromResponse(response(429, null, { 'Retry-After': '30' })).message).toBe(
      'Too many attempts. Wait 30 seconds, then try again.',
    );
    expect(problemFromResponse(response(429, null, { 'Retry-After': '600' })).message).toBe(
      'Too many attempts. Wait 10 minutes, then try again.',
    );
    expect(problemFromResponse(response(429, null)).message).toBe(
      'Too many attempts. Wait a minute, then try again.',
    );
  });

  it('maps 400 details to field errors and points the user at the fields', () => {
    const problem = problemFromResponse(
      response(400, {
        statusCode: 400,
        error: 'Bad Request',
        message: 'Validation failed',
        details: [
          { field: 'password', message: 'password must be at least 12 characters' },
          { property: 'email', constraints: { isEmail: 'email must be an email' } },
        ],
      }),
    );
    expect(problem.kind).toBe('validation');
    expect(problem.fieldErrors).toEqual({
      password: 'password must be at least 12 characters',
      email: 'email must be an email',
    });
    expect(problem.message).toBe('Some fields need attention — see the messages next to them.');
  });

  it("uses a 400's own message when there are no field details", () => {
    const problem = problemFromResponse(
      response(400, { statusCode: 400, error: 'Bad Request', message: 'That password is too common.' }),
    );
    expect(problem.message).toBe('That password is too common.');
    expect(problem.fieldErrors).toEqual({});
  });

  it('keeps readable 409 messages and hides technical ones', () => {
    expect(
      problemFromResponse(
        response(409, { statusCode: 409, error: 'Conflict', message: 'Email already in use.' }),
      ).message,
    ).toBe('Email already in use.');
    expect(
      problemFromResponse(
        response(409, {
          statusCode: 409,
          error: 'Conflict',
          message: 'QueryFailedError: SQLITE_CONSTRAINT {…}',
        }),
      ).message,
    ).toBe('That conflicts with the current state. Refresh and try again.');
  });

  it('never shows an HTML error page or a stack to the user, and names the request id of a 5xx', () => {
    const html = problemFromResponse(response(502, '<html><body>Bad gateway</body></html>'));
    expect(html.kind).toBe('server');
    expect(html.message).not.toContain('<');
    const withId = problemFromResponse(
      response(500, {
        statusCode: 500,
        error: 'Internal Server Error',
        message: 'boom',
        requestId: 'req-42',
      }),
    );
    expect(withId.message).toContain('(request id req-42)');
    expect(withId.requestId).toBe('req-42');
  });

  it('reads an error body that arrived as a JSON string', () => {
    const problem = problemFromResponse(
      response(404, JSON.stringify({ statusCode: 404, error: 'Not Found', message: 'User not found.' })),
    );
    expect(problem.kind).toBe('not-found');
    expect(problem.message).toBe('User not found.');
  });
});

describe('problem details', () => {
  it("keeps the body's details and the server's sentence for pages that show them", () => {
    const details = {
      malformedRows: [{ line: 3, message: 'expected 2 fields, found 3' }],
      totalMalformed: 1,
    };
    const problem = problemFromResponse(
      response(400, {
        statusCode: 400,
        error: 'Bad Request',
        message: 'The file has 1 malformed row (the first at line 3)',
        details,
      }),
    );
    expect(problem.details).toEqual(details);
    expect(problem.serverMessage).toBe('The file has 1 malformed row (the first at line 3)');
    expect(problemFromResponse(response(500, '<html>')).details).toBeNull();
  });
});

describe('fieldErrorsFrom', () => {
  it('accepts an object of field → message or messages', () => {
    expect(fieldErrorsFrom({ name: ['is required', 'is too short'], role: 'is invalid' })).toEqual({
      name: 'is required is too short',
      role: 'is invalid',
    });
  });

  it('joins nested paths and ignores junk', () => {
    expect(
      fieldErrorsFrom([{ path: ['columns', 0, 'name'], message: 'bad' }, null, 'x', { message: 'no field' }]),
    ).toEqual({ 'columns.0.name': 'bad' });
    expect(fieldErrorsFrom(undefined)).toEqual({});
    expect(fieldErrorsFrom('text')).toEqual({});
  });
});

describe('toProblem', () => {
  it('passes problems through and wraps anything else with a readable message', () => {
    const problem = new ApiProblem('conflict', 409, 'x');
    expect(toProblem(problem)).toBe(problem);
    expect(toProblem(new Error('internal detail')).message).toBe(
      'Something unexpected happened. Please try again.',
    );
  });
});
