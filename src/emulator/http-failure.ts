/**
 * An HTTP error answer for the emulator to send, in Dialpad's envelope
 * `{"error": {"code": N, "message": "…"}}`. Route handlers throw it; the server turns it into the
 * response. (Not the client's `ApiError`, which is what dialform makes of such an answer.)
 */
export class HttpFailure extends Error {
  readonly status: number;
  readonly headers: Record<string, string>;
  constructor(status: number, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = 'HttpFailure';
    this.status = status;
    this.headers = headers;
  }
}

/** 400: the request is malformed or breaks a business rule. */
export function badRequest(message: string): HttpFailure {
  return new HttpFailure(400, message);
}

/** 404: no such object. */
export function notFound(message: string): HttpFailure {
  return new HttpFailure(404, message);
}

/** 403: authenticated but not allowed. */
export function forbidden(message: string): HttpFailure {
  return new HttpFailure(403, message);
}

/** 409: conflicts with current state. */
export function conflict(message: string): HttpFailure {
  return new HttpFailure(409, message);
}

/** The error envelope body. */
export function toErrorBody(status: number, message: string): { error: { code: number; message: string } } {
  return { error: { code: status, message } };
}
