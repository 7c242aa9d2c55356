import type { CallOptions } from '@llm/core';
import type OpenAI from 'openai';

/**
 * Per-call SDK options: the caller's signal (aborting cancels the HTTP request, streams included),
 * the per-attempt timeout (the call's, else the provider's) and extra headers. Retries stay off.
 */
export function toRequestOptions(
  options: CallOptions | undefined,
  defaultTimeoutMs: number,
): OpenAI.RequestOptions {
  return {
    maxRetries: 0,
    timeout: options?.timeoutMs ?? defaultTimeoutMs,
    ...(options?.signal ? { signal: options.signal } : {}),
    ...(options?.headers ? { headers: options.headers } : {}),
  };
}
