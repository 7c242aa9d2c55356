// A signal that follows another (the caller's) only while one piece of work runs.

/** A signal that follows the caller's until `unlink()`, and can be aborted on its own. */
export interface AbortRelay {
  readonly signal: AbortSignal;
  /** Aborts this signal (not the caller's) with `reason`. */
  abort(reason: unknown): void;
  /** Stops following the caller's signal (idempotent); call it once the work is over. */
  unlink(): void;
}

/**
 * A signal for one request or attempt: aborted when `caller` aborts (with the caller's reason),
 * until `unlink()`. The provider SDKs keep their abort listener on the signal they are given for
 * as long as that signal lives, so a long-lived caller signal would collect one listener per
 * request, and a caller that aborts it after a finished stream (a pipeline releasing the attempt)
 * would run the whole abort of a completed fetch and cut the connection still draining the
 * stream's last bytes. Without a caller, the signal aborts only through `abort`.
 */
export function relayAbort(caller?: AbortSignal): AbortRelay {
  const relay = new AbortController();
  const abort = (reason: unknown) => relay.abort(reason);
  if (caller === undefined || caller.aborted) {
    if (caller?.aborted) relay.abort(caller.reason);
    return { signal: relay.signal, abort, unlink: () => undefined };
  }
  const forward = () => relay.abort(caller.reason);
  caller.addEventListener('abort', forward, { once: true });
  return {
    signal: relay.signal,
    abort,
    unlink: () => caller.removeEventListener('abort', forward),
  };
}
