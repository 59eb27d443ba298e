import { DialformError } from '../errors.js';

/** What went wrong with an API call, by HTTP status or transport failure. */
export type ApiErrorKind =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'server'
  | 'http'
  | 'network'
  | 'timeout';

/** Operations that Dialpad documents as needing a company-admin API key. */
const COMPANY_ADMIN_OPERATIONS = new Set(['company.get', 'numbers.list', 'numbers.get', 'numbers.delete', 'offices.create']);

/** Maps an HTTP status to an error kind. */
export function classifyStatus(status: number): ApiErrorKind {
  if (status === 400) return 'bad_request';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server';
  return 'http';
}

export interface ApiErrorInit {
  /** Stable operation id, e.g. `users.create`. */
  operation: string;
  /** Human label of the call, e.g. `create user ada@acme.com`. */
  label?: string;
  kind: ApiErrorKind;
  status?: number;
  /** Dialpad's `{error:{message}}`, or the transport error's message. */
  apiMessage?: string;
  /** For list calls that failed part way: the items read before the failure. */
  itemsRead?: readonly unknown[];
  /** True when a write may or may not have happened (ambiguous failure not resolved by re-reading). */
  outcomeUnknown?: boolean;
  /** Low-level error code (`ECONNRESET`, `UND_ERR_HEADERS_TIMEOUT`, …) for network/timeout kinds. */
  causeCode?: string;
}

/**
 * A failed Dialpad API call. The message names the operation, the status and Dialpad's own
 * message; it never contains the API key (callers pass already-scrubbed text, and the raw
 * transport error is not kept as `cause`, since some carry request headers).
 */
export class ApiError extends DialformError {
  readonly operation: string;
  readonly label?: string;
  readonly kind: ApiErrorKind;
  readonly status?: number;
  readonly apiMessage?: string;
  readonly itemsRead?: readonly unknown[];
  readonly outcomeUnknown: boolean;
  readonly causeCode?: string;

  constructor(init: ApiErrorInit) {
    super('api_error', formatApiErrorMessage(init));
    this.operation = init.operation;
    if (init.label !== undefined) this.label = init.label;
    this.kind = init.kind;
    if (init.status !== undefined) this.status = init.status;
    if (init.apiMessage !== undefined) this.apiMessage = init.apiMessage;
    if (init.itemsRead !== undefined) this.itemsRead = init.itemsRead;
    this.outcomeUnknown = init.outcomeUnknown ?? false;
    if (init.causeCode !== undefined) this.causeCode = init.causeCode;
  }

  /** A copy of this error carrying the items a list read before failing. */
  withItemsRead(items: readonly unknown[]): ApiError {
    return new ApiError({ ...this.init(), itemsRead: items });
  }

  /** A copy of this error marking the write's outcome as unknown. */
  withOutcomeUnknown(): ApiError {
    return new ApiError({ ...this.init(), outcomeUnknown: true });
  }

  private init(): ApiErrorInit {
    const init: ApiErrorInit = { operation: this.operation, kind: this.kind, outcomeUnknown: this.outcomeUnknown };
    if (this.label !== undefined) init.label = this.label;
    if (this.status !== undefined) init.status = this.status;
    if (this.apiMessage !== undefined) init.apiMessage = this.apiMessage;
    if (this.itemsRead !== undefined) init.itemsRead = this.itemsRead;
    if (this.causeCode !== undefined) init.causeCode = this.causeCode;
    return init;
  }
}

function formatApiErrorMessage(init: ApiErrorInit): string {
  const what = init.label ?? init.operation;
  const where = init.label === undefined ? '' : ` (${init.operation})`;
  const status =
    init.status !== undefined
      ? `HTTP ${init.status}`
      : init.kind === 'timeout'
        ? 'timed out'
        : init.kind === 'network'
          ? `network error${init.causeCode ? ` ${init.causeCode}` : ''}`
          : 'unexpected response';
  const detail = init.apiMessage ? `: ${init.apiMessage}` : '';
  let message = `Dialpad API: ${what}${where} failed: ${status}${detail}`;
  const hint = hintFor(init);
  if (hint) message += `. ${hint}`;
  if (init.outcomeUnknown) {
    message += '. The change may or may not have been made; re-run plan to see the current state';
  }
  return message;
}

/** Whether Dialpad's message already says what `pattern` matches. */
function saysAlready(init: ApiErrorInit, pattern: RegExp): boolean {
  return init.apiMessage !== undefined && pattern.test(init.apiMessage);
}

function hintFor(init: ApiErrorInit): string | undefined {
  switch (init.kind) {
    case 'unauthorized':
      return 'Check the API key (DIALPAD_API_KEY or --api-key-file): it is missing, wrong or expired';
    case 'forbidden':
      // Dialpad's own message often says the same ("requires a company admin API key"): then add
      // only what it does not say, where such a key is made.
      if (!COMPANY_ADMIN_OPERATIONS.has(init.operation)) return saysAlready(init, /not allowed|forbidden|permission/i) ? undefined : 'The API key is not allowed to do this';
      return saysAlready(init, /company[ -]admin/i)
        ? 'Make one in Admin Settings › My Company › Authentication › API Keys'
        : 'This endpoint needs a company-admin API key (Admin Settings › My Company › Authentication › API Keys)';
    case 'rate_limited':
      return 'Dialpad kept throttling requests (HTTP 429) past the retry budget; try again later';
    case 'bad_request':
    case 'not_found':
    case 'conflict':
    case 'server':
    case 'http':
    case 'network':
    case 'timeout':
      return undefined;
    default: {
      const _never: never = init.kind;
      return _never;
    }
  }
}
