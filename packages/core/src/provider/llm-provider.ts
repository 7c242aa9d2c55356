import type { CallOptions, LLMRequest } from '../schemas/request';
import type { LLMResponse } from '../schemas/response';
import type { LLMStreamChunk } from '../schemas/stream-chunk';
import type { LLMProviderConfig } from '../schemas/provider-config';
import type { EmbeddingRequest, EmbeddingResponse } from '../schemas/embedding';
import type { ModelInfo, ValidationResult } from '../schemas/status';
import type { ProviderInitializeOptions } from './provider-sdk-package';

/** The longest a health check waits, whatever the provider's configured timeout. */
export const HEALTH_CHECK_TIMEOUT_MS = 5000;

/**
 * What every provider implements (ILLMProvider, plus `listModels` and optional `embed`).
 *
 * Contract: `chatCompletion` resolves with a successful response or rejects with an `LLMError`;
 * `streamCompletion` yields chunks and ends with one `finish` chunk, or throws an `LLMError` (after
 * the chunks that did arrive; the error's `usage` holds what was known). Usage is normalized to
 * core's TokenUsage convention; providers do not price it.
 */
export interface ILLMProvider {
  readonly name: string;
  readonly type: string;
  readonly config: LLMProviderConfig;

  /**
   * Checks the config and gets ready to send. `{ lazy: true }` lets a provider resolve once its
   * config is checked and load its SDK when its first call needs it (the manager asks for that, so
   * start-up never waits for an SDK); a provider may ignore the option and finish first.
   */
  initialize(options?: ProviderInitializeOptions): Promise<void>;
  isHealthy(): Promise<boolean>;

  chatCompletion(request: LLMRequest, options?: CallOptions): Promise<LLMResponse>;
  streamCompletion(request: LLMRequest, options?: CallOptions): AsyncIterable<LLMStreamChunk>;
  embed?(request: EmbeddingRequest, options?: CallOptions): Promise<EmbeddingResponse>;

  listModels(options?: CallOptions): Promise<ModelInfo[]>;
  validateRequest(request: LLMRequest): ValidationResult;
  estimateTokens(text: string): number;

  dispose(): void;
}
