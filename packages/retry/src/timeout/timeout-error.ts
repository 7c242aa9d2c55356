import { LLMError, LLMErrorType } from '@llm/core';

/** Which budget ran out: a config key of `[timeouts]`. */
export type TimeoutKind = 'request' | 'total' | 'first_chunk' | 'chunk_gap';

export interface TimeoutErrorInput {
  readonly kind: TimeoutKind;
  readonly timeoutMs: number;
  readonly providerName?: string;
  readonly model?: string;
}

const WHAT: Record<TimeoutKind, string> = {
  request: 'The attempt took longer than',
  total: 'The call, across all its attempts, took longer than',
  first_chunk: 'The stream sent no first chunk within',
  chunk_gap: 'The stream sent nothing for',
};

/**
 * A typed timeout. An attempt's timeouts are retryable like any timeout; the total timeout is
 * not (`details.reason` 'total_timeout'), because the whole budget is spent.
 */
export function timeoutError({
  kind,
  timeoutMs,
  providerName,
  model,
}: TimeoutErrorInput): LLMError {
  const target =
    providerName === undefined
      ? ''
      : ` (provider "${providerName}"${model === undefined ? '' : `, model "${model}"`})`;
  return new LLMError({
    type: LLMErrorType.TIMEOUT_ERROR,
    message: `${WHAT[kind]} timeouts.${kind} = ${timeoutMs} ms${target} and was aborted.`,
    providerName,
    model,
    retryable: kind !== 'total',
    details: { reason: `${kind}_timeout`, timeoutMs },
  });
}
