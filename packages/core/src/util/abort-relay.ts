// A per-request signal that follows a caller's signal only while the request runs.

/** A signal that follows the caller's until `unlink()`. */
export interface AbortRelay {
  readonly signal: AbortSignal;
  /** Stops following the caller's signal (idempotent). */
  unlink(): void;
}

/**
 * A signal to hand an SDK for one request: aborted when `caller` aborts, until `unlink()` (call it
 * once the request and its body are done). The provider SDKs keep their abort listener on the
 * signal they are given for as long as that signal lives, so a long-lived caller signal would
 * collect one listener per request, and a caller that aborts it after a finished stream (a
 * pipeline releasing the attempt) would run the whole abort of a completed fetch and cut the
 * connection still draining the stream's last bytes.
 */
export function relayAbort(caller: AbortSignal): AbortRelay {
  const relay = new AbortController();
  if (caller.aborted) {
    relay.abort(caller.reason);
    return { signal: relay.signal, unlink: () => undefined };
  }
  const forward = () => relay.abort(caller.reason);
  caller.addEventListener('abort', forward, { once: true });
  return { signal: relay.signal, unlink: () => caller.removeEventListener('abort', forward) };
}
