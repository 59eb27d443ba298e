import { DialformError, formatProblem, type Problem } from '../errors.js';

/**
 * An HTTP error answered with Dialpad's envelope `{"error": {"code": N, "message": "…"}}`.
 * Route handlers throw it; the server turns it into the response.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly headers: Record<string, string>;
  constructor(status: number, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.headers = headers;
  }
}

/** 400: the request is malformed or breaks a business rule. */
export function badRequest(message: string): ApiError {
  return new ApiError(400, message);
}

/** 404: no such object. */
export function notFound(message: string): ApiError {
  return new ApiError(404, message);
}

/** 403: authenticated but not allowed. */
export function forbidden(message: string): ApiError {
  return new ApiError(403, message);
}

/** 409: conflicts with current state. */
export function conflict(message: string): ApiError {
  return new ApiError(409, message);
}

/** The error envelope body. */
export function toErrorBody(status: number, message: string): { error: { code: number; message: string } } {
  return { error: { code: status, message } };
}

/** A fixture file that cannot be used: every problem, each with file, line and column. */
export class FixtureError extends DialformError {
  readonly problems: Problem[];
  constructor(problems: Problem[]) {
    super('fixture_invalid', `invalid emulator fixture:\n${problems.map(formatProblem).join('\n')}`);
    this.problems = problems;
  }
}
