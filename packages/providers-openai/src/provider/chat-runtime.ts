import type { Clock, LLMError, Logger, TokenUsage } from '@llm/core';

/** What a chat call needs from its provider besides the client: names, clock, logging, error mapping. */
export interface ChatRuntime {
  readonly providerName: string;
  readonly providerType: string;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The server is known to omit usage: estimate without a warning. */
  readonly usageMayBeMissing: boolean;
  mapError(
    error: unknown,
    context: { model?: string; usage?: TokenUsage; signal?: AbortSignal },
  ): LLMError;
}
