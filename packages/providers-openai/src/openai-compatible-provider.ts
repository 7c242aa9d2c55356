import {
  createKeepAliveTransport,
  LLMError,
  HEALTH_CHECK_TIMEOUT_MS,
  LLMErrorType,
  estimateTextTokens,
  preloadFetchGlobals,
  relayAbort,
  secretsOfProvider,
  silentLogger,
  systemClock,
  validateRequestAgainstConfig,
  type CallOptions,
  type Clock,
  type EmbeddingRequest,
  type EmbeddingResponse,
  type ILLMProvider,
  type LLMModelConfig,
  type LLMProviderConfig,
  type LLMRequest,
  type LLMResponse,
  type LLMStreamChunk,
  type Logger,
  type ModelInfo,
  type ProviderInitializeOptions,
  type ProviderSdkLoader,
  type ProviderTransport,
  type TokenUsage,
  type ValidationResult,
} from '@llm/core';
import type OpenAI from 'openai';
import type { ClientOptions } from 'openai';
import type { ChatCompletionCreateParamsStreaming } from 'openai/resources/chat/completions';
import {
  defaultModelId,
  prepareChatCall,
  type OpenAIChatBody,
} from './chat/convert-to-openai-chat-request';
import { notProtocolBodyError, runChatCompletion } from './chat/openai-chat-completion';
import {
  streamOpenAIChat,
  type OpenAIWireChunk,
  type OpenedChatStream,
} from './chat/openai-chat-stream';
import { runEmbeddings } from './embeddings/openai-embeddings';
import { mapOpenAIError, type OpenAIErrorRule } from './errors/map-openai-error';
import { openAISdkFor, openAISdkLoader, type OpenAISdkModule } from './openai-sdk';

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
  /** The openai SDK module, loaded on the first call (`new context.sdk.OpenAI(…)`). */
  readonly sdk: OpenAISdkModule;
  /** The provider's own keep-alive connection pool: pass it on with `transportOptions`. */
  readonly transport?: ProviderTransport;
}

/**
 * The seams of an OpenAI-compatible provider. `OpenAIProvider`, `AzureOpenAIProvider` and the generic
 * provider differ only in these; everything else (message mapping, streaming, usage, errors) is shared.
 */
export interface OpenAICompatibleProviderOptions {
  /** Builds the SDK client from the config; called once, on first use. Keep `maxRetries: 0`. */
  createClient(config: LLMProviderConfig, context: ClientContext): OpenAI;
  /**
   * Throws the typed error of a config `createClient` would refuse (no credential), without the
   * SDK. With it, `initialize({ lazy: true })` checks the config and resolves before the SDK
   * loads; without it (a `createClient` of one's own), that initialize waits for the client.
   */
  checkConfig?(config: LLMProviderConfig): void;
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
  /**
   * Where the SDK comes from (default: the `openai` package installed beside this one, loaded once
   * per process). A loader of one's own must load that same package: its error classes are the
   * ones errors are recognised by.
   */
  sdkLoader?: ProviderSdkLoader<OpenAISdkModule>;
}

/**
 * Refuses a `base_url` / `endpoint` that is not an http(s) URL (`localhost:8080/v1` parses as the
 * scheme `localhost:`, `ftp://…` is no HTTP server): every request would fail the same way, so
 * this is an invalid_request error before the first one, not a network error to retry.
 */
function refuseUnusableURL(config: LLMProviderConfig): void {
  for (const [field, value] of [
    ['base_url', config.base_url],
    ['endpoint', config.endpoint],
  ] as const) {
    if (value === undefined) continue;
    let protocol: string | undefined;
    try {
      protocol = new URL(value).protocol;
    } catch {
      protocol = undefined;
    }
    if (protocol === 'http:' || protocol === 'https:') continue;
    throw new LLMError({
      type: LLMErrorType.INVALID_REQUEST,
      message: `Provider "${config.name}": ${field} "${value}" is not an http:// or https:// URL (write it with its scheme, e.g. "http://${value.replace(/^[a-z]+:\/\//i, '')}")`,
      providerName: config.name,
      retryable: false,
      details: { config_error: true, field },
    });
  }
}

/**
 * The typed error for a provider with no credential to send: auth, not retryable, saying how to
 * set one. Thrown by client factories before the SDK is built, so no request goes out.
 */
export function missingCredentialsError(providerName: string, fix: string): LLMError {
  return new LLMError({
    type: LLMErrorType.AUTHENTICATION_ERROR,
    message: `Provider "${providerName}" has no API key: ${fix}`,
    providerName,
    retryable: false,
    details: { config_error: true },
  });
}

/** What a chat call needs from its provider besides the client: names, clock, logging, error mapping. */
export interface ChatRuntime {
  readonly providerName: string;
  readonly providerType: string;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The server is known to omit usage: estimate without a warning. */
  readonly usageMayBeMissing: boolean;
  /** Values scrubbed from anything of the server's that an error quotes. */
  readonly secrets: readonly string[];
  mapError(
    error: unknown,
    context: { model?: string; usage?: TokenUsage; signal?: AbortSignal },
  ): LLMError;
}

/**
 * Per-call SDK options: the caller's signal (aborting cancels the HTTP request, streams included),
 * the per-attempt timeout (the call's, else the provider's) and extra headers. Retries stay off.
 */
export function toRequestOptions(
  options: CallOptions | undefined,
  defaultTimeoutMs: number,
): OpenAI.RequestOptions {
  // Assigned, not spread: this runs on every call.
  const requestOptions: OpenAI.RequestOptions = {
    maxRetries: 0,
    timeout: options?.timeoutMs ?? defaultTimeoutMs,
  };
  if (options?.signal) requestOptions.signal = options.signal;
  if (options?.headers) requestOptions.headers = options.headers;
  return requestOptions;
}

type SdkLogger = NonNullable<ClientOptions['logger']>;

const fields = (rest: unknown[]) => (rest.length > 0 ? { details: rest } : undefined);

/**
 * Routes the SDK's own log lines (e.g. "Could not parse message into JSON") to our Logger instead of
 * the console. The SDK already masks authorization and api-key headers in what it logs.
 */
export function toSdkLogger(logger: Logger): SdkLogger {
  return {
    error: (message: string, ...rest: unknown[]) => logger.error(String(message), fields(rest)),
    warn: (message: string, ...rest: unknown[]) => logger.warn(String(message), fields(rest)),
    info: (message: string, ...rest: unknown[]) => logger.info(String(message), fields(rest)),
    debug: (message: string, ...rest: unknown[]) => logger.debug(String(message), fields(rest)),
  };
}

/** `GET /models`, every page, as ModelInfo. */
export async function listOpenAIModels(
  client: OpenAI,
  requestOptions: OpenAI.RequestOptions,
): Promise<ModelInfo[]> {
  const models: ModelInfo[] = [];
  for await (const model of client.models.list(requestOptions)) {
    models.push({
      id: model.id,
      ...(model.owned_by ? { owned_by: model.owned_by } : {}),
      ...(typeof model.created === 'number' ? { created: model.created } : {}),
    });
  }
  return models;
}

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
  /** Clients for the other keys of `api_keys`, built on first use and kept. */
  readonly #keyedClients = new Map<string, OpenAI>();
  #transport: ProviderTransport | undefined;
  /** The SDK load and pool opening the first call started; the calls that arrive meanwhile await it. */
  #loading: Promise<void> | undefined;
  #disposed = false;
  readonly #sdk: ProviderSdkLoader<OpenAISdkModule>;

  constructor(config: LLMProviderConfig, options: OpenAICompatibleProviderOptions) {
    this.name = config.name;
    this.type = config.type;
    this.config = config;
    this.options = options;
    this.#sdk = options.sdkLoader ?? openAISdkLoader;
    const secrets = secretsOfProvider(config);
    this.runtime = {
      providerName: config.name,
      providerType: config.type,
      clock: options.clock ?? systemClock,
      logger: options.logger ?? silentLogger,
      usageMayBeMissing: options.usageMayBeMissing ?? false,
      secrets,
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
      refuseUnusableURL(this.config);
      const sdk = openAISdkFor(this.name, this.#sdk.loaded());
      try {
        this.#client = this.options.createClient(this.config, {
          logger: this.runtime.logger,
          sdk,
          transport: this.#transport,
        });
      } catch (error) {
        // The client factories report a missing credential as a typed auth error themselves; anything
        // else the SDK's constructor refuses (conflicting or missing settings) is a config problem.
        throw LLMError.is(error)
          ? error.with({ retryable: false })
          : this.runtime
              .mapError(error, {})
              .with({ type: LLMErrorType.INVALID_REQUEST, retryable: false });
      }
    }
    return this.#client;
  }

  /**
   * The client for one attempt's key (`CallOptions.apiKey`, one of `api_keys`): the provider's own
   * client for its configured key or none, else one client per key, built once.
   */
  protected async clientFor(apiKey: string | undefined): Promise<OpenAI> {
    const client = await this.clientReady();
    if (apiKey === undefined || apiKey === this.config.api_key) return client;
    let keyed = this.#keyedClients.get(apiKey);
    if (!keyed) {
      keyed = this.options.createClient(
        { ...this.config, api_key: apiKey },
        {
          logger: this.runtime.logger,
          sdk: openAISdkFor(this.name, this.#sdk.loaded()),
          transport: this.#transport,
        },
      );
      this.#keyedClients.set(apiKey, keyed);
    }
    return keyed;
  }

  /**
   * The provider's own client when it is built and `apiKey` is its key (or none): what a call
   * takes without an await of its own, the common case of every call after the first. Undefined
   * otherwise (`clientFor` builds or loads it).
   */
  #builtClient(apiKey: string | undefined): OpenAI | undefined {
    return apiKey === undefined || apiKey === this.config.api_key ? this.#client : undefined;
  }

  /** The SDK client, loading the SDK first when this is the process's first call through it. */
  protected async clientReady(): Promise<OpenAI> {
    if (!this.#client) await this.#loadOnce();
    return this.client;
  }

  /**
   * Loads the SDK (once per process) and opens this provider's connection pool, once: calls that
   * arrive while it runs share it. A failure is their error; the next call tries again.
   */
  #loadOnce(): Promise<void> {
    this.#loading ??= this.#loadSdkAndTransport().catch((error: unknown) => {
      this.#loading = undefined;
      throw error;
    });
    return this.#loading;
  }

  async #loadSdkAndTransport(): Promise<void> {
    // A disposed provider opens nothing: `client` refuses the call.
    if (this.#disposed || (this.#sdk.loaded() && this.#transport)) return;
    const [, transport] = await Promise.all([
      this.#sdk.loaded() ?? this.#sdk.load(this.name),
      this.#transport ??
        createKeepAliveTransport({ connections: this.config.rate_limit?.max_concurrency }),
    ]);
    preloadFetchGlobals();
    // Disposed while loading: the pool is not kept.
    if (this.#disposed) {
      if (transport !== this.#transport) void transport.close();
      return;
    }
    this.#transport = transport;
  }

  /**
   * Checks what can fail before the first request: the base URL, the credential, the SDK being
   * installed. `{ lazy: true }` resolves right after those checks: the SDK loads and the pool
   * opens with the first call; otherwise it resolves once the client is built.
   */
  async initialize(options?: ProviderInitializeOptions): Promise<void> {
    const { checkConfig } = this.options;
    if (!options?.lazy || !checkConfig || this.#client || this.#disposed) {
      await this.clientReady();
      return;
    }
    refuseUnusableURL(this.config);
    checkConfig(this.config);
    this.#sdk.assertInstalled(this.name);
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
      const client = await this.clientReady();
      return await (this.options.listModels ?? listOpenAIModels)(client, requestOptions);
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
    const call = prepareChatCall(
      request,
      this.config,
      this.options,
      false,
      options?.requestChecked,
    );
    const requestOptions = toRequestOptions(options, this.config.timeout);
    // The SDK never removes its abort listener: unless the signal is the call's own already, it
    // gets one of this call's own, unlinked when the call is over, so a long-lived caller signal
    // does not collect one listener per call.
    const relay =
      options?.signal && !options.signalEndsWithCall ? relayAbort(options.signal) : undefined;
    if (relay) requestOptions.signal = relay.signal;
    try {
      const client = this.#builtClient(options?.apiKey) ?? (await this.clientFor(options?.apiKey));
      return await runChatCompletion(
        client,
        call,
        this.runtime,
        requestOptions,
        this.options.transformResponse,
      );
    } finally {
      relay?.unlink();
    }
  }

  streamCompletion(request: LLMRequest, options?: CallOptions): AsyncIterable<LLMStreamChunk> {
    return streamOpenAIChat(() => this.#openStream(request, options), {
      runtime: this.runtime,
      signal: options?.signal,
      transformChunk: this.options.transformStreamChunk,
      onEventSkipped: options?.onStreamEventSkipped,
      expectUsage: this.options.includeStreamUsage ?? true,
    });
  }

  /** Validates and sends a stream's request; resolves once the response is an event stream. */
  async #openStream(request: LLMRequest, options?: CallOptions): Promise<OpenedChatStream> {
    const call = prepareChatCall(request, this.config, this.options, true, options?.requestChecked);
    const requestOptions = toRequestOptions(options, this.config.timeout);
    // The SDK never removes its abort listener: unless the signal is the stream's own already
    // (`signalEndsWithCall`: never aborted once the stream is over, as the manager's pipeline
    // guarantees), it gets a signal of this stream's own, unlinked at the end, so an abort of the
    // caller's signal after a finished stream reaches nothing (the connection draining the
    // stream's last bytes is not cut) and a long-lived caller signal collects no listener.
    const relay =
      options?.signal && !options.signalEndsWithCall ? relayAbort(options.signal) : undefined;
    if (relay) requestOptions.signal = relay.signal;
    try {
      const client = this.#builtClient(options?.apiKey) ?? (await this.clientFor(options?.apiKey));
      const startedAt = this.runtime.clock.now();
      let response: Response;
      try {
        // The raw response: the SDK still sends the request (auth, URL, headers) and turns an HTTP
        // error status into its typed error, but the event stream is read here, where an event that
        // does not parse can be skipped instead of failing the whole answer.
        response = await client.chat.completions
          .create(call.body as ChatCompletionCreateParamsStreaming, requestOptions)
          .asResponse();
      } catch (error) {
        throw this.runtime.mapError(error, { model: request.model, signal: options?.signal });
      }
      const requestId = response.headers.get('x-request-id');
      // A proxy or login page answers 200 with HTML (or JSON) instead of an event stream: the page
      // itself is reported.
      const mediaType = response.headers.get('content-type')?.split(';')[0]?.trim();
      if (!response.body || (mediaType && mediaType.toLowerCase() !== 'text/event-stream')) {
        const body = await response.text().catch(() => '');
        throw notProtocolBodyError(this.runtime, {
          status: response.status,
          contentType: mediaType,
          body,
          expected: 'an event stream',
          model: request.model,
          requestId,
        });
      }
      return { call, response, requestId, startedAt, release: relay?.unlink };
    } catch (error) {
      relay?.unlink();
      throw error;
    }
  }

  async embed(request: EmbeddingRequest, options?: CallOptions): Promise<EmbeddingResponse> {
    const client = await this.clientFor(options?.apiKey);
    return runEmbeddings(() => client, request, {
      config: this.config,
      runtime: this.runtime,
      requestOptions: toRequestOptions(options, this.config.timeout),
      resolveModelId: this.options.resolveModelId ?? defaultModelId,
      defaultBatchSize: this.options.defaultEmbeddingBatchSize,
    });
  }

  /** Refuses new calls; the connection pool closes once the calls in flight are done. */
  dispose(): void {
    this.#disposed = true;
    this.#client = undefined;
    this.#keyedClients.clear();
    void this.#transport?.close();
  }
}
