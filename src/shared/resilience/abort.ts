import type { Operation } from './resilience-policy.js';

/** Calls `operation`, turning a synchronous throw into a rejection so every failure takes one path. */
export async function invoke<T>(operation: Operation<T>, signal: AbortSignal): Promise<T> {
  return operation(signal);
}

/**
 * Settles like `promise`, or rejects with `signal.reason` as soon as `signal` aborts. The promise keeps
 * running; its late outcome is handled (and dropped) here, so it cannot surface as an unhandled rejection.
 */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  return new Promise<T>((resolve, reject) => {
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- abort reasons pass through
    const onAbort = (): void => reject(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    // Both handlers return, so the chain always fulfils: nothing here can become an unhandled rejection.
    void promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * A controller that also aborts, with the parent's reason, when `parent` does. `unlink()` must be called
 * when the call ends: a long-lived parent (a process-wide shutdown signal) would otherwise collect one
 * listener per call. Written out rather than `AbortSignal.any` so the lifetime is explicit.
 */
export function linkedController(parent: AbortSignal | undefined): {
  readonly controller: AbortController;
  readonly unlink: () => void;
} {
  const controller = new AbortController();
  if (parent === undefined) return { controller, unlink: () => undefined };
  const onAbort = (): void => controller.abort(parent.reason);
  if (parent.aborted) onAbort();
  else parent.addEventListener('abort', onAbort, { once: true });
  return { controller, unlink: () => parent.removeEventListener('abort', onAbort) };
}
