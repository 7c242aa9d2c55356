import type { ProviderTransport } from '@llm/core';
import type { ClientOptions } from 'openai';

/**
 * The openai SDK options that send a client's requests through the provider's keep-alive pool
 * (`ClientContext.transport`); none without one, so the SDK uses Node's global fetch.
 */
export function transportOptions(
  transport: ProviderTransport | undefined,
): Pick<ClientOptions, 'fetch' | 'fetchOptions'> {
  return transport
    ? {
        fetch: transport.fetch,
        fetchOptions: transport.fetchOptions as ClientOptions['fetchOptions'],
      }
    : {};
}
