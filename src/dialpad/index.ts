/** Dialpad API v2 client: connection, transport (auth, rate limit, retries, pagination), endpoints, live read. */
export { ApiError, classifyStatus, type ApiErrorKind, type ApiErrorInit } from './api-error.js';
export type * from './api-types.js';
export { createDialpadClient, type CallOptions, type DialpadClient, type DialpadClientOptions } from './client.js';
export { checkApiUrl, DEFAULT_API_URL, isLoopbackHost, resolveConnection, type Connection } from './connection.js';
export { createProductionDispatcher } from './dispatcher.js';
export { fetchLive, READ_OFFICE_PLANS, READ_PHASE_ONE, READ_PHASE_ONE_AND_ROOMS, type FollowUpReads, type LiveReadScope, type OfficeLicenseReads } from './fetch-live.js';
export { normalizeLive, officeIdOf, type RawLive, type LiveOfficeReads } from './normalize-live.js';
export { createRateLimiter, type RateLimiter } from './rate-limiter.js';
export { parseRetryAfter, computeBackoff, type RetryOptions } from './retry-policy.js';
export type { RequestEvent, TransportStats } from './transport.js';
