import { randomUUID } from 'node:crypto';
import {
  estimateMessageTokens,
  estimateUsage,
  findModelConfig,
  isAbortedLLMError,
  LLMError,
  LLMErrorType,
  toLLMError,
  type CallOptions,
  type Clock,
  type EmbeddingRequest,
  type EmbeddingResponse,
  type LLMRequest,
  type LLMResponse,
  type LLMStreamChunk,
  type TokenUsage,
  type UsageTags,
} from '@llm/core';
import type { AttemptContext } from '@llm/retry';
import type { ManagerSnapshot } from './manager-snapshot';
import type { ProviderEntry } from './provider-runtime';
import { selectProvider } from './select-provider';
import type { UsageAccounting } from './usage-accounting';

/** Options of one manager call: the provider's CallOptions plus attribution tags. */
export interface ManagerCallOptions extends CallOptions {
  /** Labels recorded with the usage (merged over `request.tags`). */
  tags?: UsageTags;
  /** Our id for this call, written to the ledger; generated when absent. */
  requestId?: string;
}

/** What a call uses besides its snapshot; fixed for the life of the manager. */
export interface CallServices {
  readonly accounting: UsageAccounting;
  readonly clock: Clock;
}

interface RoutedRequest {
  model: string;
  provider?: string;
  tags?: UsageTags;
}

/** Tokens a call may use, for tokens-per-minute limits; computed only where such a limit is set. */
function estimatedTokens(entry: ProviderEntry, request: LLMRequest): number | undefined {
  const config = entry.provider.config;
  const limited =
    config.rate_limit?.tokens_per_minute ??
    findModelConfig(config, request.model)?.rate_limit?.tokens_per_minute;
  if (limited === undefined) return undefined;
  const prompt = estimateMessageTokens(request.messages, {
    model: request.model,
    tools: request.tools,
  }).tokens;
  return prompt + (request.max_tokens ?? 0);
}

/** The `error_type` a ledger record gets: the LLMErrorType, or `aborted` for a caller's abort. */
function failureKind(error: LLMError): string {
  return isAbortedLLMError(error) ? 'aborted' : error.type;
}

/**
 * One call from routing to its ledger record: holds the provider entry of the snapshot it started
 * with (a reload does not move it), counts attempts, prices usage and writes exactly one record.
 */
class CallSession {
  readonly entry: ProviderEntry;
  readonly tags: UsageTags | undefined;
  private readonly requestId: string;
  private readonly startedAt: number;
  private attempts = 0;

  constructor(
    private readonly services: CallServices,
    private readonly snapshot: ManagerSnapshot,
    private readonly request: RoutedRequest,
    private readonly options: ManagerCallOptions,
    private readonly operation: 'chat' | 'embedding',
    private readonly stream = false,
  ) {
    this.entry = selectProvider(snapshot, request);
    this.requestId = options.requestId ?? randomUUID();
    this.tags = request.tags || options.tags ? { ...request.tags, ...options.tags } : undefined;
    this.startedAt = services.clock.now();
  }

  get provider() {
    return this.entry.provider;
  }

  /** Attempts made so far; 0 when the call never reached the provider. */
  get attemptCount(): number {
    return this.attempts;
  }

  /** Refuses the call before any network request when a blocking budget is used up. */
  async checkBudget(): Promise<void> {
    await this.snapshot.budgets?.check({
      provider: this.provider.name,
      model: this.request.model,
      tags: this.tags,
    });
  }

  /** The provider options of one pipeline attempt: the caller's options with the attempt's signal. */
  attemptOptions(attempt: AttemptContext): CallOptions {
    this.attempts = Math.max(this.attempts, attempt.attempt);
    return { ...this.options, signal: attempt.signal };
  }

  price(usage: TokenUsage): TokenUsage {
    return this.services.accounting.price(usage, this.provider, this.request.model, this.operation);
  }

  recordSuccess(usage: TokenUsage, providerRequestId: string | undefined): Promise<void> {
    return this.record({ usage, success: true, providerRequestId, attempts: this.attempts || 1 });
  }

  recordFailure(error: LLMError, usage?: TokenUsage): Promise<void> {
    return this.record({
      usage,
      success: false,
      errorType: failureKind(error),
      errorMessage: error.message,
      providerRequestId: error.requestId,
      attempts: this.attempts || undefined,
    });
  }

  /** A stream the consumer stopped reading before it finished. */
  recordStopped(usage: TokenUsage | undefined): Promise<void> {
    return this.record({
      usage,
      success: false,
      errorType: 'aborted',
      errorMessage: 'The consumer stopped reading the stream before it finished.',
      attempts: this.attempts || undefined,
    });
  }

  private record(facts: {
    usage?: TokenUsage;
    success: boolean;
    errorType?: string;
    errorMessage?: string;
    providerRequestId?: string;
    attempts?: number;
  }): Promise<void> {
    return this.services.accounting.record({
      ...facts,
      provider: this.provider.name,
      model: this.request.model,
      requestId: this.requestId,
      timestamp: this.startedAt,
      responseTime: this.services.clock.now() - this.startedAt,
      stream: this.stream,
      operation: this.operation,
      tags: this.tags,
    });
  }
}

/** One non-streaming chat call: budget, the provider's pipeline, pricing, one ledger record. */
export async function runChat(
  services: CallServices,
  snapshot: ManagerSnapshot,
  request: LLMRequest,
  options: ManagerCallOptions = {},
): Promise<LLMResponse> {
  const session = new CallSession(services, snapshot, request, options, 'chat');
  const { provider, pipeline } = session.entry;
  try {
    await session.checkBudget();
    const response = await pipeline.execute(
      (attempt) => provider.chatCompletion(request, session.attemptOptions(attempt)),
      {
        signal: options.signal,
        model: request.model,
        estimatedTokens: estimatedTokens(session.entry, request),
        actualTokens: (result) => result.usage.total_tokens,
      },
    );
    const usage = session.price(response.usage);
    await session.recordSuccess(usage, response.metadata.request_id);
    return {
      ...response,
      usage,
      metadata: { ...response.metadata, attempts: session.attemptCount },
    };
  } catch (thrown) {
    const error = toLLMError(thrown, provider.name);
    const usage = error.usage ? session.price(error.usage) : undefined;
    await session.recordFailure(error, usage);
    throw usage ? error.with({ usage }) : error;
  }
}

/**
 * One streaming chat call. Chunks pass through as they arrive; the `finish` chunk's usage is priced.
 * Exactly one ledger record is written whether the stream finishes, fails, or the consumer stops.
 */
export async function* runStream(
  services: CallServices,
  snapshot: ManagerSnapshot,
  request: LLMRequest,
  options: ManagerCallOptions = {},
): AsyncGenerator<LLMStreamChunk, void, undefined> {
  const session = new CallSession(services, snapshot, request, options, 'chat', true);
  const { provider, pipeline } = session.entry;
  let receivedText = '';
  let receivedAny = false;
  let settled = false;
  // Known usage, else an estimate once output has flowed; nothing when the call never got an answer.
  const usageAfterFailure = (reported: TokenUsage | undefined) =>
    reported
      ? session.price(reported)
      : receivedAny
        ? session.price(estimateUsage(request, { text: receivedText }, request.model))
        : undefined;

  try {
    await session.checkBudget();
    const chunks = pipeline.executeStream<LLMStreamChunk>(
      (attempt) => provider.streamCompletion(request, session.attemptOptions(attempt)),
      {
        signal: options.signal,
        model: request.model,
        estimatedTokens: estimatedTokens(session.entry, request),
        actualTokens: (chunk) => (chunk.type === 'finish' ? chunk.usage.total_tokens : undefined),
      },
    );
    for await (const chunk of chunks) {
      receivedAny = true;
      if (chunk.type === 'text-delta') receivedText += chunk.delta;
      if (chunk.type !== 'finish') {
        yield chunk;
        continue;
      }
      const usage = session.price(chunk.usage);
      settled = true;
      await session.recordSuccess(usage, chunk.metadata?.request_id);
      yield { ...chunk, usage, metadata: { ...chunk.metadata, attempts: session.attemptCount } };
    }
  } catch (thrown) {
    const error = toLLMError(thrown, provider.name);
    const usage = usageAfterFailure(error.usage);
    settled = true;
    await session.recordFailure(error, usage);
    throw usage ? error.with({ usage }) : error;
  } finally {
    if (!settled) {
      // The consumer stopped early (break/return): the provider request is cancelled; record what we know.
      await session.recordStopped(usageAfterFailure(undefined));
    }
  }
}

/** One embeddings call, priced at the input price and recorded like a chat call. */
export async function runEmbed(
  services: CallServices,
  snapshot: ManagerSnapshot,
  request: EmbeddingRequest,
  options: ManagerCallOptions = {},
): Promise<EmbeddingResponse> {
  const session = new CallSession(services, snapshot, request, options, 'embedding');
  const { provider, pipeline } = session.entry;
  try {
    const embed = provider.embed?.bind(provider);
    if (!embed) {
      throw new LLMError({
        type: LLMErrorType.INVALID_REQUEST,
        message: `Provider "${provider.name}" (type ${provider.type}) does not support embeddings`,
        providerName: provider.name,
        model: request.model,
        retryable: false,
      });
    }
    await session.checkBudget();
    const response = await pipeline.execute(
      (attempt) => embed(request, session.attemptOptions(attempt)),
      { signal: options.signal, model: request.model },
    );
    const usage = session.price(response.usage);
    await session.recordSuccess(usage, response.metadata.request_id);
    return { ...response, usage };
  } catch (thrown) {
    const error = toLLMError(thrown, provider.name);
    await session.recordFailure(error);
    throw error;
  }
}
