import {
  LLMError,
  HEALTH_CHECK_TIMEOUT_MS,
  LLMErrorType,
  estimateTextTokens,
  silentLogger,
  systemClock,
  validateRequestAgainstConfig,
  type CallOptions,
  type EmbeddingRequest,
  type EmbeddingResponse,
  type ILLMProvider,
  type LLMProviderConfig,
  type LLMRequest,
  type LLMResponse,
  type LLMStreamChunk,
  type ModelInfo,
  type ValidationResult,
} from '@llm/core';
import type OpenAI from 'openai';
import type { ChatCompletionCreateParamsStreaming } from 'openai/resources/chat/completions';
import { mapOpenAIError } from '../errors/map-openai-error';
import { streamOpenAIChat } from '../stream/stream-openai-chat';
import type { ChatRuntime } from './chat-runtime';
import { collectSecrets } from './collect-secrets';
import { listOpenAIModels } from './list-openai-models';
import type { OpenAICompatibleProviderOptions } from './openai-compatible-options';
import { defaultModelId, prepareChatCall } from './prepare-chat-call';
import { runChatCompletion } from './run-chat-completion';
import { runEmbeddings } from './run-embeddings';
import { toRequestOptions } from './to-request-options';

/**
 * An ILLMProvider over any server that speaks the Chat Completions protocol, through the official
 * `openai` SDK. OpenAI, Azure OpenAI and the generic provider are this class with different options.
 */
export class OpenAICompatibleProvider implements ILLMProvider {
  readonly name: string;
  readonly type: string;
  readonly config: LLMProviderConfig;
  protected readonly options: OpenAICompatibleProviderOptions;
  protected readonly runtime: ChatRuntime;
  #client: OpenAI | undefined;
  #disposed = false;

  constructor(config: LLMProviderConfig, options: OpenAICompatibleProviderOptions) {
    this.name = config.name;
    this.type = config.type;
    this.config = config;
    this.options = options;
    const secrets = collectSecrets(config);
    this.runtime = {
      providerName: config.name,
      providerType: config.type,
      clock: options.clock ?? systemClock,
      logger: options.logger ?? silentLogger,
      usageMayBeMissing: options.usageMayBeMissing ?? false,
      mapError: (error, context) =>
        mapOpenAIError(error, {
          providerName: config.name,
          secrets,
          rules: options.errorRules,
          now: this.runtime.clock.now(),
          ...context,
        }),
    };
  }

  /** The SDK client, built on first use; an unusable config (no key, no endpoint) is an LLMError. */
  protected get client(): OpenAI {
    if (this.#disposed) {
      throw new LLMError({
        type: LLMErrorType.INVALID_REQUEST,
        message: `Provider "${this.name}" was disposed`,
        providerName: this.name,
        retryable: false,
      });
    }
    if (!this.#client) {
      try {
        this.#client = this.options.createClient(this.config, { logger: this.runtime.logger });
      } catch (error) {
        const mapped = this.runtime.mapError(error, {});
        const type = /credential|api[_ ]?key/i.test(mapped.message)
          ? LLMErrorType.AUTHENTICATION_ERROR
          : LLMErrorType.INVALID_REQUEST;
        throw mapped.with({ type, retryable: false });
      }
    }
    return this.#client;
  }

  async initialize(): Promise<void> {
    void this.client;
  }

  async isHealthy(): Promise<boolean> {
    try {
      await this.listModels({ timeoutMs: Math.min(HEALTH_CHECK_TIMEOUT_MS, this.config.timeout) });
      return true;
    } catch {
      return false;
    }
  }

  async listModels(options?: CallOptions): Promise<ModelInfo[]> {
    const requestOptions = toRequestOptions(options, this.config.timeout);
    try {
      return await (this.options.listModels ?? listOpenAIModels)(this.client, requestOptions);
    } catch (error) {
      throw this.runtime.mapError(error, { signal: options?.signal });
    }
  }

  validateRequest(request: LLMRequest): ValidationResult {
    return validateRequestAgainstConfig(request, this.config);
  }

  estimateTokens(text: string): number {
    const model = this.config.models[0];
    return estimateTextTokens(text, model?.model_id ?? model?.name).tokens;
  }

  async chatCompletion(request: LLMRequest, options?: CallOptions): Promise<LLMResponse> {
    const call = prepareChatCall(request, this.config, this.options, false);
    const requestOptions = toRequestOptions(options, this.config.timeout);
    return runChatCompletion(
      this.client,
      call,
      this.runtime,
      requestOptions,
      this.options.transformResponse,
    );
  }

  streamCompletion(request: LLMRequest, options?: CallOptions): AsyncIterable<LLMStreamChunk> {
    return this.#stream(request, options);
  }

  async *#stream(
    request: LLMRequest,
    options?: CallOptions,
  ): AsyncGenerator<LLMStreamChunk, void, undefined> {
    const call = prepareChatCall(request, this.config, this.options, true);
    const requestOptions = toRequestOptions(options, this.config.timeout);
    const client = this.client;
    const startedAt = this.runtime.clock.now();
    let opened: { data: AsyncIterable<unknown>; request_id: string | null };
    try {
      opened = await client.chat.completions
        .create(call.body as ChatCompletionCreateParamsStreaming, requestOptions)
        .withResponse();
    } catch (error) {
      throw this.runtime.mapError(error, { model: request.model, signal: options?.signal });
    }
    yield* streamOpenAIChat(opened.data, {
      call,
      runtime: this.runtime,
      signal: options?.signal,
      requestId: opened.request_id,
      startedAt,
      transformChunk: this.options.transformStreamChunk,
    });
  }

  async embed(request: EmbeddingRequest, options?: CallOptions): Promise<EmbeddingResponse> {
    return runEmbeddings(() => this.client, request, {
      config: this.config,
      runtime: this.runtime,
      requestOptions: toRequestOptions(options, this.config.timeout),
      resolveModelId: this.options.resolveModelId ?? defaultModelId,
      defaultBatchSize: this.options.defaultEmbeddingBatchSize,
    });
  }

  dispose(): void {
    this.#disposed = true;
    this.#client = undefined;
  }
}
