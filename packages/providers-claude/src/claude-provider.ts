import type Anthropic from '@anthropic-ai/sdk';
import type { ClientOptions } from '@anthropic-ai/sdk';
import {
  createKeepAliveTransport,
  LLMError,
  LLMErrorType,
  preloadFetchGlobals,
  silentLogger,
  systemClock,
  validationError,
  type CallOptions,
  type Clock,
  type ILLMProvider,
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
  HEALTH_CHECK_TIMEOUT_MS,
  ServerSentEventReader,
  relayAbort,
  reportSkippedStreamEvent,
  secretsOfProvider,
} from '@llm/core';
import { anthropicClientOptions, resolveClaudeApiKey } from './anthropic-client-options';
import { anthropicSdkLoader, type AnthropicSdkModule } from './anthropic-sdk';
import {
  mapAnthropicError,
  unexpectedResponseError,
  type AnthropicErrorContext,
} from './errors/map-anthropic-error';
import { AnthropicEventReader } from './messages/anthropic-event-reader';
import { AnthropicStreamParser } from './messages/anthropic-stream-parser';
import {
  prepareClaudeRequest,
  type AnthropicRequestBody,
} from './messages/build-anthropic-request';
import {
  convertAnthropicResponse,
  estimateClaudeTokens,
  estimateClaudeUsage,
  isAnthropicMessage,
} from './messages/convert-anthropic-response';

function isEventStream(contentType: string | null): boolean {
  return contentType?.split(';')[0]?.trim().toLowerCase() === 'text/event-stream';
}

export interface ClaudeProviderOptions {
  logger?: Logger;
  /** Measures `response_time`; tests inject a manual clock. */
  clock?: Clock;
  /**
   * Where the SDK comes from (default: the `@anthropic-ai/sdk` package installed beside this one,
   * loaded once per process). A loader of one's own must load that same package: its error
   * classes are the ones errors are recognised by.
   */
  sdkLoader?: ProviderSdkLoader<AnthropicSdkModule>;
}

/** What one call hands the SDK besides the body. */
interface ClaudeRequestOptions {
  timeout: number;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

/** Claude through the official `@anthropic-ai/sdk` (type `claude`, alias `anthropic`). */
export class ClaudeProvider implements ILLMProvider {
  readonly type = 'claude';
  readonly name: string;
  readonly config: LLMProviderConfig;
  readonly #clientOptions: ClientOptions;
  readonly #logger: Logger;
  readonly #sdk: ProviderSdkLoader<AnthropicSdkModule>;
  #client: Anthropic | undefined;
  #transport: ProviderTransport | undefined;
  /** The SDK load and pool opening the first call started; the calls that arrive meanwhile await it. */
  #loading: Promise<Anthropic> | undefined;
  #disposed = false;
  /** Clients for the other keys of `api_keys`, built on first use and kept. */
  readonly #keyedClients = new Map<string, Anthropic>();
  readonly #apiKey: string | undefined;
  readonly #secrets: readonly (string | undefined)[];
  readonly #clock: Clock;

  constructor(config: LLMProviderConfig, options: ClaudeProviderOptions = {}) {
    this.config = config;
    this.name = config.name;
    this.#apiKey = resolveClaudeApiKey(config);
    // A page that echoes the request back may carry a secret of the config, or the key read from
    // ANTHROPIC_API_KEY.
    this.#secrets = [this.#apiKey, ...secretsOfProvider(config)];
    this.#clock = options.clock ?? systemClock;
    this.#logger = options.logger ?? silentLogger;
    this.#sdk = options.sdkLoader ?? anthropicSdkLoader;
    this.#clientOptions = anthropicClientOptions(config, this.#logger, this.#apiKey);
  }

  /** The client for one attempt's key (`CallOptions.apiKey`, one of `api_keys`), built once per key. */
  async #clientFor(apiKey: string | undefined): Promise<Anthropic> {
    const client = this.#client ?? (await this.#clientReady());
    if (apiKey === undefined || apiKey === this.#apiKey) return client;
    let keyed = this.#keyedClients.get(apiKey);
    if (!keyed) {
      const sdk = this.#sdk.loaded() ?? (await this.#sdk.load(this.name));
      keyed = new sdk.Anthropic({
        ...anthropicClientOptions(this.config, this.#logger, apiKey),
        fetch: this.#transport?.fetch,
        fetchOptions: this.#transport?.fetchOptions as ClientOptions['fetchOptions'],
      });
      this.#keyedClients.set(apiKey, keyed);
    }
    return keyed;
  }

  /**
   * The SDK client, built on the first call (which loads the SDK when it is the process's first),
   * once: calls that arrive while it is built share it. A failure is their error; the next call
   * tries again.
   */
  #clientReady(): Promise<Anthropic> {
    if (this.#client) return Promise.resolve(this.#client);
    this.#loading ??= this.#buildClient().catch((error: unknown) => {
      this.#loading = undefined;
      throw error;
    });
    return this.#loading;
  }

  async #buildClient(): Promise<Anthropic> {
    const [sdk, transport] = await Promise.all([
      this.#sdk.loaded() ?? this.#sdk.load(this.name),
      createKeepAliveTransport({ connections: this.config.rate_limit?.max_concurrency }),
    ]);
    preloadFetchGlobals();
    // Disposed while the SDK loaded: the pool is not kept, and no call goes out.
    if (this.#disposed) {
      void transport.close();
      throw new LLMError({
        type: LLMErrorType.INVALID_REQUEST,
        message: `Provider "${this.name}" was disposed`,
        providerName: this.name,
        retryable: false,
      });
    }
    this.#transport = transport;
    this.#client = new sdk.Anthropic({
      ...this.#clientOptions,
      fetch: transport.fetch,
      fetchOptions: transport.fetchOptions as ClientOptions['fetchOptions'],
    });
    return this.#client;
  }

  /**
   * Checks that the SDK is installed. `{ lazy: true }` resolves right after: the SDK loads and
   * the pool opens with the first call; otherwise it resolves once the client is built. A missing
   * key is refused per call (`auth_style = "none"` needs none).
   */
  async initialize(options?: ProviderInitializeOptions): Promise<void> {
    if (!options?.lazy || this.#client) {
      await this.#clientReady();
      return;
    }
    this.#sdk.assertInstalled(this.name);
  }

  /** Closes the provider's connection pool once the calls in flight are done. */
  dispose(): void {
    this.#disposed = true;
    this.#keyedClients.clear();
    void this.#transport?.close();
  }

  validateRequest(request: LLMRequest): ValidationResult {
    return prepareClaudeRequest(request, this.config).result;
  }

  estimateTokens(text: string): number {
    return estimateClaudeTokens(text);
  }

  async chatCompletion(request: LLMRequest, options: CallOptions = {}): Promise<LLMResponse> {
    const body = this.#prepare(request, options.requestChecked);
    const startedAt = this.#clock.now();
    // The SDK never removes its abort listener: unless the signal is the call's own already, it
    // gets one of this call's own, unlinked when the call is over, so a long-lived caller signal
    // does not collect one listener per call.
    const relay =
      options.signal && !options.signalEndsWithCall ? relayAbort(options.signal) : undefined;
    try {
      const requestOptions = this.#requestOptions(options);
      if (relay) requestOptions.signal = relay.signal;
      const { data, request_id, response } = await (
        await this.#clientFor(options.apiKey)
      ).messages
        .create({ ...body, stream: false }, requestOptions)
        .withResponse();
      // The SDK hands back any 2xx body, as text when it is not JSON (a proxy's login page).
      if (!isAnthropicMessage(data)) {
        throw unexpectedResponseError(
          {
            status: response.status,
            contentType: response.headers.get('content-type'),
            body: typeof data === 'string' ? data : JSON.stringify(data ?? null),
            ...(request_id && { requestId: request_id }),
          },
          this.#errorContext(request.model),
        );
      }
      return convertAnthropicResponse(data, {
        providerName: this.name,
        providerType: this.type,
        ...(request_id && { requestId: request_id }),
        responseTime: this.#clock.now() - startedAt,
        fallbackUsage: (outputText) => estimateClaudeUsage(request, outputText),
      });
    } catch (error) {
      throw this.#mapError(error, request.model);
    } finally {
      relay?.unlink();
    }
  }

  streamCompletion(request: LLMRequest, options: CallOptions = {}): AsyncIterable<LLMStreamChunk> {
    return this.#stream(request, options);
  }

  async *#stream(request: LLMRequest, callerOptions: CallOptions): AsyncGenerator<LLMStreamChunk> {
    // The SDK keeps its abort listener on the signal it is given until the body it handed over
    // (`asResponse()`) is garbage-collected; unless the signal is the stream's own already
    // (`signalEndsWithCall`: never aborted once the stream is over, as the manager's pipeline
    // guarantees), a signal per stream, unlinked when the stream ends, keeps a long-lived caller
    // signal (one per session) from collecting one listener per stream and an abort of it after
    // the stream ended from reaching the finished request.
    const relay =
      callerOptions.signal && !callerOptions.signalEndsWithCall
        ? relayAbort(callerOptions.signal)
        : undefined;
    const options = relay ? { ...callerOptions, signal: relay.signal } : callerOptions;
    try {
      const body = this.#prepare(request, options.requestChecked);
      const startedAt = this.#clock.now();
      let response: Response;
      try {
        // The raw response: the SDK still sends the request (auth, URL, headers) and turns an HTTP
        // error status into its typed error, but the event stream is read here, where an event that
        // does not parse can be skipped instead of failing the whole answer.
        response = await (
          await this.#clientFor(options.apiKey)
        ).messages
          .create({ ...body, stream: true }, this.#requestOptions(options))
          .asResponse();
      } catch (error) {
        throw this.#mapError(error, request.model);
      }
      const requestId = response.headers.get('request-id') ?? undefined;
      const contentType = response.headers.get('content-type');
      if (!response.body || !isEventStream(contentType)) {
        // An HTML page (a proxy's login page) is no event stream: say what came instead.
        const text = await response.text().catch(() => '');
        throw unexpectedResponseError(
          {
            status: response.status,
            contentType,
            body: text,
            ...(requestId && { requestId }),
          },
          this.#errorContext(request.model),
        );
      }
      const parser = new AnthropicStreamParser({
        providerName: this.name,
        providerType: this.type,
        ...(requestId && { requestId }),
        elapsed: () => this.#clock.now() - startedAt,
        fallbackUsage: (outputText) => estimateClaudeUsage(request, outputText),
      });
      const reader = new ServerSentEventReader(response.body, { clock: this.#clock });
      const events = new AnthropicEventReader(reader, {
        headers: response.headers,
        skipped: (index, reason, data) =>
          reportSkippedStreamEvent(
            options.onStreamEventSkipped,
            { provider: this.name, model: request.model, index, reason, data },
            this.#secrets,
            this.#logger,
          ),
      });
      try {
        let batch: readonly Anthropic.RawMessageStreamEvent[] | undefined;
        while (!parser.finished && (batch = await events.next()) !== undefined) {
          for (const event of batch) {
            for (const chunk of parser.push(event)) yield chunk;
            if (parser.finished) break; // message_stop is the end, whether or not the server closes
          }
          // The model said why it stopped: message_stop adds nothing, so it is not waited for.
          if (!parser.finished && parser.stopped) yield parser.finish();
        }
      } catch (error) {
        throw this.#mapError(error, request.model, parser.partialUsage());
      } finally {
        // A consumer that broke out, or an error, closes the HTTP request; a finished stream drains.
        reader.close({ drain: parser.finished });
      }
      if (!parser.finished)
        throw this.#endedEarly(
          request.model,
          parser.partialUsage(),
          options.signal,
          events.skipped,
        );
    } finally {
      relay?.unlink();
    }
  }

  async listModels(options: CallOptions = {}): Promise<ModelInfo[]> {
    const models: ModelInfo[] = [];
    try {
      for await (const model of (this.#client ?? (await this.#clientReady())).models.list(
        {},
        this.#requestOptions(options),
      )) {
        const created = Date.parse(model.created_at);
        models.push({
          id: model.id,
          owned_by: 'anthropic',
          ...(model.display_name && { display_name: model.display_name }),
          ...(Number.isFinite(created) && { created: Math.floor(created / 1000) }),
        });
      }
    } catch (error) {
      throw this.#mapError(error);
    }
    return models;
  }

  async isHealthy(): Promise<boolean> {
    try {
      await (this.#client ?? (await this.#clientReady())).models.list(
        { limit: 1 },
        { timeout: Math.min(HEALTH_CHECK_TIMEOUT_MS, this.config.timeout) },
      );
      return true;
    } catch {
      return false;
    }
  }

  #prepare(request: LLMRequest, requestChecked?: boolean): AnthropicRequestBody {
    const prepared = prepareClaudeRequest(request, this.config, requestChecked);
    if (!prepared.body) throw validationError(prepared.result, this.name, request.model);
    const style = this.config.auth_style ?? 'x-api-key';
    if (this.#apiKey === undefined && style !== 'none') {
      throw new LLMError({
        type: LLMErrorType.AUTHENTICATION_ERROR,
        message: `Provider "${this.name}" has no API key: set api_key in its config or ANTHROPIC_API_KEY (or auth_style = "none" for a gateway without one)`,
        providerName: this.name,
        model: request.model,
        retryable: false,
      });
    }
    return prepared.body;
  }

  /** Per-call SDK options, built by assignment (no spreads: this runs on every call). */
  #requestOptions(options: CallOptions): ClaudeRequestOptions {
    const requestOptions: ClaudeRequestOptions = {
      timeout: options.timeoutMs ?? this.config.timeout,
    };
    if (options.signal) requestOptions.signal = options.signal;
    if (options.headers) requestOptions.headers = options.headers;
    return requestOptions;
  }

  #errorContext(model?: string, usage?: TokenUsage): AnthropicErrorContext {
    return {
      providerName: this.name,
      model,
      usage,
      secrets: this.#secrets,
      now: this.#clock.now(),
    };
  }

  #mapError(error: unknown, model?: string, usage?: TokenUsage): LLMError {
    return mapAnthropicError(error, this.#errorContext(model, usage));
  }

  /**
   * The stream closed before the model stopped: the caller aborted, the server hung up quietly,
   * or events that could not be parsed (`skipped`) may have held the rest of the answer.
   */
  #endedEarly(
    model: string,
    usage: TokenUsage | undefined,
    signal: AbortSignal | undefined,
    skipped: number,
  ): LLMError {
    if (signal?.aborted) {
      // A stream ran, so the SDK is loaded.
      const sdk = this.#sdk.loaded()!;
      return this.#mapError(new sdk.APIUserAbortError(), model, usage);
    }
    if (skipped > 0) {
      return new LLMError({
        type: LLMErrorType.SERVER_ERROR,
        message: `The Anthropic stream ended before message_stop, after ${skipped} event(s) that could not be parsed; the answer is incomplete.`,
        providerName: this.name,
        model,
        usage,
        retryable: true,
        details: { incomplete_stream: true, malformed_response: true, skipped_events: skipped },
      });
    }
    return new LLMError({
      type: LLMErrorType.NETWORK_ERROR,
      message: 'The Anthropic stream ended before message_stop; the answer is incomplete.',
      providerName: this.name,
      model,
      usage,
    });
  }
}
