/**
 * `promise`, marked as observed: work started early (the config load, the live read beside it)
 * whose failure is reported later, in its turn, must never end the process first as an unhandled
 * rejection. Awaiting the returned promise still throws.
 */
export function observed<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}
