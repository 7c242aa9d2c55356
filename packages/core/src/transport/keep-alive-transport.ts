import { createRequire } from 'node:module';
import { withoutRequestClone } from './uncloned-fetch';

/**
 * Which `fetch` drives the pool: `node` is Node's global fetch (the undici bundled with Node),
 * `undici` is the installed undici package's own fetch.
 */
export type TransportFetchKind = 'node' | 'undici';

/**
 * What a provider hands its SDK so that its HTTP calls go through the provider's own keep-alive
 * connection pool instead of Node's global one: the SDK's `fetch` and `fetchOptions` options
 * (both the openai and the Anthropic SDK take them). `close()` closes the pool's sockets once the
 * requests in flight are done.
 */
export interface ProviderTransport {
  /**
   * The fetch that sends through the `dispatcher` below (see `transportFetchKind`); the keep-alive
   * transport's skips undici's copy of each request (`withoutRequestClone`).
   */
  readonly fetch: typeof globalThis.fetch;
  /** `{ dispatcher }`: the provider's connection pool. */
  readonly fetchOptions: { readonly dispatcher: unknown };
  /** Which fetch `fetch` is (set by `createKeepAliveTransport`; a transport of one's own may omit it). */
  readonly fetchKind?: TransportFetchKind;
  close(): Promise<void>;
}

export interface KeepAliveTransportOptions {
  /** Connections per origin; the provider's `rate_limit.max_concurrency` (unset: no cap, as Node's own). */
  readonly connections?: number;
  /** How long an idle socket is kept for the next request (default 30 s). */
  readonly keepAliveTimeoutMs?: number;
  /** Which fetch to use (default: `transportFetchKind` of this process). */
  readonly fetchKind?: TransportFetchKind;
}

export const DEFAULT_KEEP_ALIVE_TIMEOUT_MS = 30_000;

const major = (version: string | undefined): number | undefined => {
  const value = Number.parseInt(version ?? '', 10);
  return Number.isNaN(value) ? undefined : value;
};

/**
 * The fetch for a pool of the installed undici. Node's global fetch is undici too, and it hands
 * the request to any `dispatcher` through the dispatcher protocol of its own major version: when
 * that major is the installed package's, the pool is driven by Node's fetch, which measured less
 * client CPU per request than the package's own fetch on the same pool (`bench/README.md`). Another
 * major (a Node whose bundled undici is older or newer), or none reported, gets the package's own
 * fetch, whose protocol always matches its pool.
 */
export function transportFetchKind(
  nodeUndiciVersion: string | undefined,
  installedUndiciVersion: string,
): TransportFetchKind {
  const bundled = major(nodeUndiciVersion);
  return bundled !== undefined && bundled === major(installedUndiciVersion) ? 'node' : 'undici';
}

/** The installed undici's version, read from its package.json (found from here, as the import is). */
function installedUndiciVersion(): string {
  const manifest = createRequire(import.meta.url)('undici/package.json') as { version: string };
  return manifest.version;
}

/**
 * A keep-alive pool for one provider. undici is loaded here, when the first provider builds its
 * client, never at import; the fetch that drives it follows `transportFetchKind`, and sends each
 * request without undici's copy of it (`withoutRequestClone`).
 */
export async function createKeepAliveTransport(
  options: KeepAliveTransportOptions = {},
): Promise<ProviderTransport> {
  const undici = await import('undici');
  const fetchKind =
    options.fetchKind ?? transportFetchKind(process.versions.undici, installedUndiciVersion());
  const dispatcher = new undici.Agent({
    connections: options.connections ?? null,
    keepAliveTimeout: options.keepAliveTimeoutMs ?? DEFAULT_KEEP_ALIVE_TIMEOUT_MS,
  });
  let closing: Promise<void> | undefined;
  return {
    fetch: withoutRequestClone(
      fetchKind === 'node'
        ? globalThis.fetch
        : (undici.fetch as unknown as typeof globalThis.fetch),
    ),
    fetchOptions: { dispatcher },
    fetchKind,
    close: () => (closing ??= dispatcher.close()),
  };
}
