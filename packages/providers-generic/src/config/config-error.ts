import { LLMError, LLMErrorType } from '@llm/core';

/** A generic provider's config cannot work: not retryable, names the provider and the fix. */
export function configError(providerName: string, message: string): LLMError {
  return new LLMError({
    type: LLMErrorType.INVALID_REQUEST,
    message: `Provider "${providerName}" (type generic): ${message}`,
    providerName,
    retryable: false,
    details: { config_error: true },
  });
}
