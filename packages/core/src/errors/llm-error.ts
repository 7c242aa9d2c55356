import type { TokenUsage } from '../schemas/token-usage';
import { hasErrorIdentity, markErrorIdentity } from './error-identity';
import { isTransientErrorType, type LLMErrorType } from './llm-error-type';

const LLM_ERROR_IDENTITY = '@llm/error';

/** One attempt of a call that ended in an error, kept by the retry policy. */
export interface LLMErrorAttempt {
  readonly attempt: number;
  readonly type: LLMErrorType;
  readonly message: string;
  readonly statusCode?: number;
  /** Milliseconds waited before the next attempt (absent on the last one). */
  readonly delayMs?: number;
  /** A routed call's attempts also name their deployment and how long each took. */
  readonly provider?: string;
  readonly model?: string;
  readonly duration_ms?: number;
}

export interface LLMErrorOptions {
  type: LLMErrorType;
  message: string;
  providerName?: string;
  statusCode?: number;
  /** Defaults to true for network, rate_limit, server_error and timeout. */
  retryable?: boolean;
  requestId?: string;
  retryAfterMs?: number;
  /** The model the failed call asked for, when known. */
  model?: string;
  /** Usage known when the call failed (e.g. a stream that broke after some output). */
  usage?: TokenUsage;
  /** Provider-specific facts, e.g. content-filter categories or the budget that refused a call. */
  details?: Readonly<Record<string, unknown>>;
  attempts?: readonly LLMErrorAttempt[];
  /**
   * A stable code for a failure that its `type` alone does not tell apart: `aborted` for a call its
   * caller aborted (set for every error whose details say `aborted: true`).
   */
  code?: string;
  cause?: unknown;
}

/**
 * The single error type every package throws. Identify it with `LLMError.is(value)`,
 * which works across duplicate installs of @llm/core where `instanceof` does not.
 */
export class LLMError extends Error {
  readonly type: LLMErrorType;
  readonly providerName: string;
  readonly statusCode?: number;
  readonly retryable: boolean;
  readonly requestId?: string;
  readonly retryAfterMs?: number;
  readonly model?: string;
  readonly usage?: TokenUsage;
  readonly details?: Readonly<Record<string, unknown>>;
  readonly attempts?: readonly LLMErrorAttempt[];
  readonly code?: string;

  constructor(options: LLMErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'LLMError';
    this.type = options.type;
    this.providerName = options.providerName ?? 'unknown';
    this.statusCode = options.statusCode;
    this.retryable = options.retryable ?? isTransientErrorType(options.type);
    this.requestId = options.requestId;
    this.retryAfterMs = options.retryAfterMs;
    this.model = options.model;
    this.usage = options.usage;
    this.details = options.details;
    this.attempts = options.attempts;
    this.code = options.code ?? (options.details?.['aborted'] === true ? 'aborted' : undefined);
    markErrorIdentity(this, LLM_ERROR_IDENTITY);
  }

  static is(value: unknown): value is LLMError {
    return hasErrorIdentity(value, LLM_ERROR_IDENTITY);
  }

  /** A copy with some fields replaced (errors are immutable). */
  with(changes: Partial<LLMErrorOptions>): LLMError {
    return new LLMError({ ...this.toOptions(), ...changes });
  }

  toOptions(): LLMErrorOptions {
    return {
      type: this.type,
      message: this.message,
      providerName: this.providerName,
      statusCode: this.statusCode,
      retryable: this.retryable,
      requestId: this.requestId,
      retryAfterMs: this.retryAfterMs,
      model: this.model,
      usage: this.usage,
      details: this.details,
      attempts: this.attempts,
      code: this.code,
      cause: this.cause,
    };
  }

  /** Plain data for logs and exports; never includes the cause, which may hold request headers. */
  toJSON(): Record<string, unknown> {
    const { cause: _cause, ...facts } = this.toOptions();
    return { name: this.name, ...facts };
  }
}
