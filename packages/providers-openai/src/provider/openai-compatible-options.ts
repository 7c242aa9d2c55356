import type {
  Clock,
  LLMModelConfig,
  LLMProviderConfig,
  LLMRequest,
  Logger,
  ModelInfo,
} from '@llm/core';
import type OpenAI from 'openai';
import type { OpenAIErrorRule } from '../errors/map-openai-error';
import type { OpenAIChatBody } from '../request/build-openai-chat-body';
import type { OpenAIWireChunk } from '../stream/openai-stream-accumulator';

/** What request and response transforms know about the call they change. */
export interface ChatTransformContext {
  readonly request: LLMRequest;
  /** The model's config entry, when the provider lists it. */
  readonly model: LLMModelConfig | undefined;
  /** The id sent as `model`. */
  readonly modelId: string;
  readonly config: LLMProviderConfig;
  readonly stream: boolean;
}

/** What a client factory gets besides the config. */
export interface ClientContext {
  /** Where the SDK's own log lines should go (see `toSdkLogger`). */
  readonly logger: Logger;
}

/**
 * The seams of an OpenAI-compatible provider. `OpenAIProvider`, `AzureOpenAIProvider` and the generic
 * provider differ only in these; everything else (message mapping, streaming, usage, errors) is shared.
 */
export interface OpenAICompatibleProviderOptions {
  /** Builds the SDK client from the config; called once, on first use. Keep `maxRetries: 0`. */
  createClient(config: LLMProviderConfig, context: ClientContext): OpenAI;
  logger?: Logger;
  /** Measures response times (default: the system clock). */
  clock?: Clock;
  /** The `model` sent on the wire (default: the model's `model_id`, else the request's model). */
  resolveModelId?(requestModel: string, model: LLMModelConfig | undefined): string;
  /** Whether the token cap goes out as `max_completion_tokens` (default: o-series and gpt-5 names). */
  useMaxCompletionTokens?(
    modelId: string,
    requestModel: string,
    model: LLMModelConfig | undefined,
  ): boolean;
  /** Changes the Chat Completions body just before it is sent. */
  transformRequest?(body: OpenAIChatBody, context: ChatTransformContext): OpenAIChatBody;
  /** Changes a non-streaming response body before it is read. */
  transformResponse?(body: unknown, context: ChatTransformContext): unknown;
  /** Changes each stream chunk before it is read; return undefined to drop it. */
  transformStreamChunk?(
    chunk: OpenAIWireChunk,
    context: ChatTransformContext,
  ): OpenAIWireChunk | undefined;
  /** The server is known to omit usage: estimate without logging a warning (default false). */
  usageMayBeMissing?: boolean;
  /** Send `stream_options: { include_usage: true }` on streams (default true). */
  includeStreamUsage?: boolean;
  /** Error-table rows tried before the default ones. */
  errorRules?: readonly OpenAIErrorRule[];
  /** How `listModels` and `isHealthy` ask the server (default: `GET /models`). */
  listModels?(client: OpenAI, requestOptions: OpenAI.RequestOptions): Promise<ModelInfo[]>;
  /** Embedding inputs per request when the model sets no `max_batch_size` (default 2048). */
  defaultEmbeddingBatchSize?: number;
}
