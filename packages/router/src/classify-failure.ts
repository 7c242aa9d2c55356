import { LLMErrorType, type LLMError } from '@llm/core';

/** The retry budget of one deployment; explicit user settings replace these defaults. */
export interface DeploymentRetrySettings {
  /** Retries of the same deployment after its first attempt. */
  readonly max_retries: number;
  readonly base_delay: number;
  readonly max_delay: number;
  readonly jitter: 'full' | 'equal' | 'none';
  /** The longest `retry-after` honoured; a longer one is cut to this. */
  readonly max_retry_after: number;
}

export const DEPLOYMENT_RETRY_DEFAULTS: DeploymentRetrySettings = {
  max_retries: 2,
  base_delay: 500,
  max_delay: 8_000,
  jitter: 'equal',
  max_retry_after: 60_000,
};

/** No more than this many attempts on one deployment within `HAMMER_WINDOW_MS` of its first. */
export const HAMMER_LIMIT = 2;
export const HAMMER_WINDOW_MS = 1_500;

export interface FailureContext {
  /** Attempts already made on this deployment, the failed one included. */
  readonly attemptsOnDeployment: number;
  /** When the first attempt on this deployment started (clock ms). */
  readonly firstAttemptAt: number;
  readonly now: number;
  /** Whether the deployment's key pool has another key that is not benched. */
  readonly hasAnotherKey?: boolean;
  readonly retry?: Partial<DeploymentRetrySettings>;
  readonly random?: () => number;
}

export type FailureAction =
  | {
      readonly action: 'retry-same';
      readonly delayMs: number;
      readonly rotateKey: boolean;
      readonly reason: string;
    }
  | { readonly action: 'next-candidate'; readonly reason: string }
  | { readonly action: 'context-fallback'; readonly reason: string }
  | { readonly action: 'stop'; readonly reason: string };

/** A failure of the credential, not of the deployment: another key may succeed at once. */
export function isKeyFailure(error: LLMError): boolean {
  if (error.type === LLMErrorType.AUTHENTICATION_ERROR) return true;
  if (error.statusCode === 401 || error.statusCode === 403) return true;
  return (
    error.type === LLMErrorType.RATE_LIMIT_ERROR &&
    (error.details?.['reason'] === 'insufficient_quota' || error.code === 'insufficient_quota')
  );
}

// Refusals decided on our side of the wire: no other deployment would answer differently.
const LOCAL_REFUSALS = new Set(['aborted', 'budget_exceeded', 'budget_unpriced']);

/**
 * Refused by the checks of one deployment's model before dispatch (vision, tools, context window):
 * another deployment may accept the request, so the call moves on. The request's shape is checked
 * before routing and never reaches a plan.
 */
const DEPLOYMENT_REFUSAL = 'validation_failed';

function backoff(
  retry: DeploymentRetrySettings,
  retryNumber: number,
  random: () => number,
): number {
  const ceiling = Math.min(retry.max_delay, retry.base_delay * 2 ** (retryNumber - 1));
  if (retry.jitter === 'none') return ceiling;
  if (retry.jitter === 'full') return Math.floor(random() * ceiling);
  return Math.floor(ceiling / 2 + random() * (ceiling / 2));
}

/**
 * What a call does after `error` ended one attempt: retry the same deployment (after `delayMs`,
 * possibly with the next key), move to the next candidate, go to the context-window fallbacks,
 * or stop. Decided by the error's facts (type, status, details), never by its message.
 */
export function classifyFailure(error: LLMError, context: FailureContext): FailureAction {
  const retry = { ...DEPLOYMENT_RETRY_DEFAULTS, ...context.retry };
  const random = context.random ?? Math.random;
  if (error.code && LOCAL_REFUSALS.has(error.code)) {
    return { action: 'stop', reason: error.code };
  }
  if (error.code === DEPLOYMENT_REFUSAL) {
    return error.type === LLMErrorType.TOKEN_LIMIT_ERROR
      ? { action: 'context-fallback', reason: 'token_limit' }
      : { action: 'next-candidate', reason: DEPLOYMENT_REFUSAL };
  }
  if (error.details?.['reason'] === 'content_filter') {
    return { action: 'stop', reason: 'content_filter' };
  }
  if (isKeyFailure(error)) {
    if (context.hasAnotherKey) {
      return { action: 'retry-same', delayMs: 0, rotateKey: true, reason: 'key_benched' };
    }
    return { action: 'next-candidate', reason: error.type };
  }
  switch (error.type) {
    case LLMErrorType.TOKEN_LIMIT_ERROR:
      return { action: 'context-fallback', reason: 'token_limit' };
    case LLMErrorType.TIMEOUT_ERROR:
      // A silent provider stays silent: never wait on it twice.
      return { action: 'next-candidate', reason: 'timeout' };
    case LLMErrorType.AUTHENTICATION_ERROR:
    case LLMErrorType.INVALID_REQUEST:
    case LLMErrorType.MODEL_NOT_FOUND:
    case LLMErrorType.UNKNOWN_ERROR:
      return { action: 'next-candidate', reason: error.type };
    case LLMErrorType.RATE_LIMIT_ERROR:
    case LLMErrorType.SERVER_ERROR:
    case LLMErrorType.NETWORK_ERROR:
      break;
  }
  // The provider said another try of the same request cannot succeed.
  if (!error.retryable) return { action: 'next-candidate', reason: `${error.type}_not_retryable` };
  const retriesSpent = context.attemptsOnDeployment - 1;
  if (retriesSpent >= retry.max_retries) {
    return { action: 'next-candidate', reason: `${error.type}_retries_spent` };
  }
  const delayMs =
    error.type === LLMErrorType.RATE_LIMIT_ERROR && error.retryAfterMs !== undefined
      ? Math.min(error.retryAfterMs, retry.max_retry_after)
      : backoff(retry, retriesSpent + 1, random);
  const nextAt = context.now + delayMs;
  if (
    context.attemptsOnDeployment >= HAMMER_LIMIT &&
    nextAt < context.firstAttemptAt + HAMMER_WINDOW_MS
  ) {
    return {
      action: 'retry-same',
      delayMs: context.firstAttemptAt + HAMMER_WINDOW_MS - context.now,
      rotateKey: false,
      reason: `${error.type}_spaced`,
    };
  }
  return { action: 'retry-same', delayMs, rotateKey: false, reason: error.type };
}
