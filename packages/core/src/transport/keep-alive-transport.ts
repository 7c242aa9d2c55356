/**
 * What a provider hands its SDK so that its HTTP calls go through the provider's own keep-alive
 * connection pool instead of Node's global one: the SDK's `fetch` and `fetchOptions` options
 * (both the openai and the Anthropic SDK take them). `close()` closes the pool's sockets once the
 * requests in flight are done.
 */
export interface ProviderTransport {
  /** undici's `fetch`, the one that understands the `dispatcher` below. */
  readonly fetch: typeof globalThis.fetch;
  /** `{ dispatcher }`: the provider's connection pool. */
  readonly fetchOptions: { readonly dispatcher: unknown };
  close(): Promise<void>;
}

export interface KeepAliveTransportOptions {
  /** Connections per origin; the provider's `rate_limit.max_concurrency` (unset: no cap, as Node's own). */
  readonly connections?: number;
  /** How long an idle socket is kept for the next request (default 30 s). */
  readonly keepAliveTimeoutMs?: number;
}

export const DEFAULT_KEEP_ALIVE_TIMEOUT_MS = 30_000;

/**
 * A keep-alive pool for one provider. undici is loaded here, when the first provider builds its
 * client, never at import. Its own `fetch` is used with it: Node's global fetch bundles another
 * undici version, whose dispatcher protocol a pool from this package need not match.
 */
export async function createKeepAliveTransport(
  options: KeepAliveTransportOptions = {},
): Promise<ProviderTransport> {
  const { Agent, fetch } = await import('undici');
  const dispatcher = new Agent({
    connections: options.connections ?? null,
    keepAliveTimeout: options.keepAliveTimeoutMs ?? DEFAULT_KEEP_ALIVE_TIMEOUT_MS,
  });
  let closing: Promise<void> | undefined;
  return {
    fetch: fetch as unknown as typeof globalThis.fetch,
    fetchOptions: { dispatcher },
    close: () => (closing ??= dispatcher.close()),
  };
}
