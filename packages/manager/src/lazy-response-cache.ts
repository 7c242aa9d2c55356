import type { CallCacheOption, ResponseCache, ResponseCacheOptions } from '@llm/cache';

/**
 * The response cache, loaded (`@llm/cache` and its store) when the config enables it or a call
 * asks for it, never at import.
 */
export interface LazyResponseCache {
  /** The cache once loaded. */
  current(): ResponseCache | undefined;
  load(): Promise<ResponseCache>;
  /** Whether a call with `option` may be cached at all (then the cache is loaded for it). */
  wanted(option: CallCacheOption | undefined): boolean;
  close(): Promise<void>;
}

export function lazyResponseCache(options: ResponseCacheOptions): LazyResponseCache {
  let cache: ResponseCache | undefined;
  let loading: Promise<ResponseCache> | undefined;
  const load = () =>
    (loading ??= import('@llm/cache').then(
      ({ createResponseCache }) => (cache = createResponseCache(options)),
    ));
  return {
    current: () => cache,
    load,
    wanted: (option) =>
      option === undefined ? options.settings?.()?.enabled === true : option !== false,
    close: async () => {
      if (loading) await (await loading).close();
    },
  };
}
