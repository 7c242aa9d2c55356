import { LLMError, LLMErrorType } from '@llm/core';
import type { RateLimitName } from './timed-limit';

export type LocalRateLimitKind = 'wait_too_long' | 'queue_full' | 'queue_timeout' | 'too_large';

export interface LocalRateLimitErrorInput {
  readonly provider: string;
  readonly model?: string;
  readonly scope: 'provider' | 'model';
  readonly limit: RateLimitName;
  readonly description: string;
  readonly kind: LocalRateLimitKind;
  readonly maxWaitMs: number;
  /** How long the call would have had to wait (wait_too_long) or did wait (queue_timeout). */
  readonly waitMs?: number;
  readonly tokens?: number;
}

function explain(input: LocalRateLimitErrorInput, target: string): string {
  const limit = `${input.limit} of ${target} (${input.description})`;
  switch (input.kind) {
    case 'wait_too_long':
      return `Local rate limit ${limit} has no permit within max_wait ${input.maxWaitMs} ms (next in ${Math.ceil(input.waitMs ?? 0)} ms)`;
    case 'queue_full':
      return `Local concurrency limit ${limit} has a full queue`;
    case 'queue_timeout':
      return `Local concurrency limit ${limit} had no free slot after ${Math.round(input.waitMs ?? 0)} ms in the queue`;
    case 'too_large':
      return `The call needs about ${input.tokens} tokens, more than the local limit ${limit} allows at once`;
  }
}

/** A call refused by a local limit: a rate_limit error, not retryable, that names the limit. */
export function localRateLimitError(input: LocalRateLimitErrorInput): LLMError {
  const target =
    input.model === undefined || input.scope === 'provider'
      ? `provider "${input.provider}"`
      : `provider "${input.provider}" model "${input.model}"`;
  return new LLMError({
    type: LLMErrorType.RATE_LIMIT_ERROR,
    message: `${explain(input, target)}; the call was not sent.`,
    providerName: input.provider,
    model: input.model,
    retryable: false,
    retryAfterMs:
      input.kind === 'wait_too_long' && Number.isFinite(input.waitMs)
        ? Math.ceil(input.waitMs ?? 0)
        : undefined,
    details: {
      reason: 'local_rate_limit',
      limit: input.limit,
      scope: input.scope,
      kind: input.kind,
      provider: input.provider,
      model: input.model,
      waitMs: input.waitMs,
      maxWaitMs: input.maxWaitMs,
    },
  });
}
