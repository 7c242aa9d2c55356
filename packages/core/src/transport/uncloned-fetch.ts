// A fetch that skips undici's copy of each request, and still follows redirects.

/**
 * undici's fetch (Node's global one and the package's own) copies every request before sending it,
 * its body stream teed in two, so that a redirect can re-send the original; the copy is skipped
 * only for a request with `redirect: 'error'` and no window. On a loopback server that copy was
 * about a tenth of a chat call's client CPU (`bench/README.md`). This fetch sends each request
 * that way first; when the server answers with a redirect, which that mode turns into a network
 * error, it sends the request again as asked (following redirects by default), so a redirecting
 * endpoint behaves as under plain fetch, at the cost of one extra round trip. Only a request with
 * no body, a text body (what the SDKs send) or URL-encoded fields goes out that way; one with bytes,
 * a blob, a form or a stream, one given as a `Request`, and one that chose its own `redirect` or
 * `window` go out unchanged.
 */
export function withoutRequestClone(fetch: typeof globalThis.fetch): typeof globalThis.fetch {
  return async (input, init) => {
    if (!sendsUncloned(input, init)) return fetch(input, init);
    try {
      return await fetch(input, { ...init, window: null, redirect: 'error' });
    } catch (thrown) {
      if (!isUnexpectedRedirect(thrown)) throw thrown;
      return fetch(input, init);
    }
  };
}

function sendsUncloned(input: unknown, init: RequestInit | undefined): boolean {
  if (typeof input !== 'string' && !(input instanceof URL)) return false;
  if (init === undefined) return true;
  if (init.redirect !== undefined || init.window !== undefined) return false;
  return resendable(init.body);
}

/**
 * A body fetch can send twice: nothing, text or URL-encoded form fields. (Bytes are not: reading
 * them for the first send detaches their buffer.)
 */
function resendable(body: RequestInit['body']): boolean {
  return (
    body === undefined ||
    body === null ||
    typeof body === 'string' ||
    body instanceof URLSearchParams
  );
}

/** undici's rejection of a redirect under `redirect: 'error'` (its network error's cause). */
function isUnexpectedRedirect(thrown: unknown): boolean {
  if (!(thrown instanceof TypeError)) return false;
  const cause = (thrown as { cause?: unknown }).cause;
  return cause instanceof Error && cause.message === 'unexpected redirect';
}
