import { findModelConfig, LLMError, LLMErrorType } from '@llm/core';
import type { ManagerSnapshot } from './manager-snapshot';
import type { ProviderEntry } from './provider-runtime';

/**
 * A call that needs a provider the configuration turned off because a secret it needs names an
 * unset variable: an `auth` error with the reason (the variable and the key).
 */
function disabledProviderError(name: string, reason: string, model: string): LLMError {
  return new LLMError({
    type: LLMErrorType.AUTHENTICATION_ERROR,
    message: `Provider "${name}" is disabled: ${reason}; set it to call this provider`,
    providerName: name,
    model,
    retryable: false,
    details: { reason: 'provider_disabled' },
  });
}

/**
 * Which provider serves a request: the one it names, else the default provider when it lists the
 * model (or lists none), else the first enabled provider that lists the model, else the default
 * provider, which without `default_provider` is the first enabled one (the config's documented default). Within a provider the model is looked up by `findModelConfig`:
 * the exact name first, then `model_id`. The entry is held for the whole call; reloads don't move it.
 * A call that would need a provider turned off for a missing secret (it names it, only it lists the
 * model, or it is the default provider) fails with that reason; every other call is unaffected.
 */
export function selectProvider(
  snapshot: ManagerSnapshot,
  request: { model: string; provider?: string },
): ProviderEntry {
  const { providers } = snapshot;
  const disabled = snapshot.config.disabled_providers ?? {};
  if (request.provider) {
    const named = providers.get(request.provider);
    if (named) return named;
    const reason = disabled[request.provider];
    if (reason) throw disabledProviderError(request.provider, reason, request.model);
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
  const needed =
    snapshot.config.providers.find(
      (provider) =>
        disabled[provider.name] !== undefined && findModelConfig(provider, request.model),
    )?.name ?? (defaultName && disabled[defaultName] !== undefined ? defaultName : undefined);
  if (needed) throw disabledProviderError(needed, disabled[needed]!, request.model);
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
