import { randomUUID } from 'node:crypto';
import type { CallOptions, LLMError, TokenUsage, UsageTags } from '@llm/core';
import type { AttemptContext } from '@llm/retry';
import { failureKind } from './failure-kind';
import { routeRequest, type ManagerState } from './manager-state';
import type { ProviderEntry } from './provider-runtime';

/** Options of one manager call: the provider's CallOptions plus attribution tags. */
export interface ManagerCallOptions extends CallOptions {
  /** Labels recorded with the usage (merged over `request.tags`). */
  tags?: UsageTags;
  /** Our id for this call, written to the ledger; generated when absent. */
  requestId?: string;
}

interface RoutedRequest {
  model: string;
  provider?: string;
  tags?: UsageTags;
}

/**
 * One call from routing to its ledger record: holds the provider entry it was routed to (a reload
 * does not move it), counts attempts, prices usage and writes exactly one record.
 */
export class CallSession {
  readonly entry: ProviderEntry;
  readonly tags: UsageTags | undefined;
  private readonly requestId: string;
  private readonly startedAt: number;
  private attempts = 0;

  constructor(
    private readonly state: ManagerState,
    private readonly request: RoutedRequest,
    private readonly options: ManagerCallOptions,
    private readonly operation: 'chat' | 'embedding',
    private readonly stream = false,
  ) {
    this.entry = routeRequest(state, request);
    this.requestId = options.requestId ?? randomUUID();
    this.tags = request.tags || options.tags ? { ...request.tags, ...options.tags } : undefined;
    this.startedAt = state.clock.now();
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
    await this.state
      .budgets()
      ?.check({ provider: this.provider.name, model: this.request.model, tags: this.tags });
  }

  /** The provider options of one pipeline attempt: the caller's options with the attempt's signal. */
  attemptOptions(attempt: AttemptContext): CallOptions {
    this.attempts = Math.max(this.attempts, attempt.attempt);
    return { ...this.options, signal: attempt.signal };
  }

  price(usage: TokenUsage): TokenUsage {
    return this.state.accounting.price(usage, this.provider, this.request.model, this.operation);
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
    return this.state.accounting.record({
      ...facts,
      provider: this.provider.name,
      model: this.request.model,
      requestId: this.requestId,
      timestamp: this.startedAt,
      responseTime: this.state.clock.now() - this.startedAt,
      stream: this.stream,
      operation: this.operation,
      tags: this.tags,
    });
  }
}
