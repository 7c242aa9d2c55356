import { findModelConfig, LLMError, LLMErrorType } from '@llm/core';
import type { ManagerSnapshot } from './manager-snapshot';
import type { ProviderEntry } from './provider-runtime';

/**
 * Which provider serves a request: the one it names, else the default provider when it lists the
 * model (or lists none), else the first enabled provider that lists the model, else the default
 * provider, which without `default_provider` is the first enabled one (the config's documented default). Within a provider the model is looked up by `findModelConfig`:
 * the exact name first, then `model_id`. The entry is held for the whole call; reloads don't move it.
 */
export function selectProvider(
  snapshot: ManagerSnapshot,
  request: { model: string; provider?: string },
): ProviderEntry {
  const { providers } = snapshot;
  if (request.provider) {
    const named = providers.get(request.provider);
    if (named) return named;
    throw new LLMError({
      type: LLMErrorType.INVALID_REQUEST,
      message: `Provider "${request.provider}" is not configured or not enabled (available: ${[...providers.keys()].join(', ') || 'none'})`,
      providerName: request.provider,
      model: request.model,
      retryable: false,
    });
  }
  const lists = (entry: ProviderEntry) =>
    findModelConfig(entry.provider.config, request.model) !== undefined;
  const defaultName = snapshot.config.default_provider;
  const fallback = defaultName ? providers.get(defaultName) : undefined;
  if (fallback && (fallback.provider.config.models.length === 0 || lists(fallback)))
    return fallback;
  for (const entry of providers.values()) if (lists(entry)) return entry;
  if (fallback) return fallback;
  const first = snapshot.config.providers.find((provider) => providers.has(provider.name));
  if (first) return providers.get(first.name)!;
  throw new LLMError({
    type: LLMErrorType.MODEL_NOT_FOUND,
    message: 'No provider is configured and enabled.',
    model: request.model,
    retryable: false,
  });
}
