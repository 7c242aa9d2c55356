import { LLMError, LLMErrorType } from '@llm/core';
import type { ILLMProvider } from '@llm/core';

/**
 * Which provider serves a request: the one it names, else the default provider when it lists the
 * model (or lists none), else the first enabled provider that lists the model.
 */
export function selectProvider(
  providers: ReadonlyMap<string, ILLMProvider>,
  request: { model: string; provider?: string },
  defaultProvider: string | undefined,
): ILLMProvider {
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
  const lists = (provider: ILLMProvider) =>
    provider.config.models.some(
      (model) => model.name === request.model || model.model_id === request.model,
    );
  const fallback = defaultProvider ? providers.get(defaultProvider) : undefined;
  if (fallback && (fallback.config.models.length === 0 || lists(fallback))) return fallback;
  for (const provider of providers.values()) if (lists(provider)) return provider;
  if (fallback) return fallback;
  const only = providers.size === 1 ? [...providers.values()][0] : undefined;
  if (only) return only;
  throw new LLMError({
    type: LLMErrorType.MODEL_NOT_FOUND,
    message:
      providers.size === 0
        ? 'No provider is configured and enabled.'
        : `No configured provider lists model "${request.model}" and no default_provider is set (providers: ${[...providers.keys()].join(', ')})`,
    model: request.model,
    retryable: false,
  });
}
