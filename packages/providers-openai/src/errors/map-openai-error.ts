import {
  LLMError,
  LLMErrorType,
  isContextLengthError,
  errorTypeForStatus,
  parseRetryAfter,
  readRequestId,
  redactText,
  toLLMError,
  type TokenUsage,
} from '@llm/core';
import { APIConnectionError, APIConnectionTimeoutError, APIUserAbortError } from 'openai';
import { contentFilterDetails } from '../response/content-filter';
import { readOpenAIErrorFacts, type OpenAIErrorFacts } from './read-openai-error-facts';

/** One row of the mapping table: the first row whose `matches` holds decides the error. */
export interface OpenAIErrorRule {
  readonly name: string;
  matches(facts: OpenAIErrorFacts): boolean;
  readonly type: LLMErrorType;
  /** Default: core's rule (network, rate_limit, server_error and timeout are retryable). */
  readonly retryable?: boolean;
  details?(facts: OpenAIErrorFacts): Record<string, unknown>;
}

const NETWORK_CODES =
  /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|EPIPE|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|UND_ERR_\w+)$/;
const isCode = (facts: OpenAIErrorFacts, value: string) =>
  facts.code === value || facts.errorType === value;
const inStream = (facts: OpenAIErrorFacts) =>
  facts.isApiError && facts.status === undefined && !(facts.error instanceof APIConnectionError);

/** SDK errors → LLMError types, in precedence order (issue 3 item 6). */
export const OPENAI_ERROR_RULES: readonly OpenAIErrorRule[] = [
  // Azure answers 400 code content_filter with the categories under error.innererror.
  {
    name: 'content filter',
    matches: (facts) => isCode(facts, 'content_filter'),
    type: LLMErrorType.INVALID_REQUEST,
    retryable: false,
    details: (facts) => contentFilterDetails('prompt', facts.body?.['innererror']),
  },
  {
    name: 'connection timeout',
    matches: (facts) => facts.error instanceof APIConnectionTimeoutError || facts.status === 408,
    type: LLMErrorType.TIMEOUT_ERROR,
  },
  {
    name: 'quota exhausted',
    matches: (facts) => isCode(facts, 'insufficient_quota'),
    type: LLMErrorType.RATE_LIMIT_ERROR,
    retryable: false,
    details: () => ({ reason: 'insufficient_quota' }),
  },
  {
    name: 'rate limited',
    matches: (facts) =>
      facts.status === 429 ||
      (inStream(facts) && /rate_limit/.test(`${facts.code} ${facts.errorType}`)),
    type: LLMErrorType.RATE_LIMIT_ERROR,
  },
  {
    name: 'context length exceeded',
    matches: (facts) =>
      [400, 413, undefined].includes(facts.status) &&
      facts.isApiError &&
      isContextLengthError(facts.message, facts.code),
    type: LLMErrorType.TOKEN_LIMIT_ERROR,
    retryable: false,
  },
  {
    name: 'model not found',
    matches: (facts) =>
      facts.status === 404 ||
      isCode(facts, 'model_not_found') ||
      isCode(facts, 'DeploymentNotFound'),
    type: LLMErrorType.MODEL_NOT_FOUND,
    retryable: false,
  },
  {
    name: 'authentication',
    matches: (facts) => facts.status === 401 || facts.status === 403,
    type: LLMErrorType.AUTHENTICATION_ERROR,
    retryable: false,
  },
  {
    name: 'invalid request',
    matches: (facts) =>
      [400, 409, 422].includes(facts.status ?? 0) ||
      (inStream(facts) && isCode(facts, 'invalid_request_error')),
    type: LLMErrorType.INVALID_REQUEST,
    retryable: false,
  },
  {
    name: 'server error',
    matches: (facts) => (facts.status ?? 0) >= 500,
    type: LLMErrorType.SERVER_ERROR,
  },
  {
    name: 'error inside the stream',
    matches: inStream,
    type: LLMErrorType.SERVER_ERROR,
    details: () => ({ in_stream: true }),
  },
  {
    name: 'malformed response',
    matches: (facts) => facts.error instanceof SyntaxError,
    type: LLMErrorType.SERVER_ERROR,
    details: () => ({ malformed_response: true }),
  },
  {
    name: 'connection failed',
    matches: (facts) =>
      facts.error instanceof APIConnectionError ||
      NETWORK_CODES.test(facts.systemCode ?? '') ||
      (facts.error instanceof TypeError &&
        /terminated|fetch failed|other side closed/i.test(facts.message)),
    type: LLMErrorType.NETWORK_ERROR,
  },
];

export interface MapOpenAIErrorOptions {
  providerName: string;
  model?: string;
  /** Usage known when the call failed (reported so far, or estimated). */
  usage?: TokenUsage;
  /** Values scrubbed from every message (the API key, secret headers). */
  secrets?: ReadonlyArray<string | undefined>;
  /** Rows tried before the default table (compatible servers' own error shapes). */
  rules?: readonly OpenAIErrorRule[];
  /** The caller's signal: once aborted, any failure is reported as the caller's abort. */
  signal?: AbortSignal;
  now?: number;
}

function abortError(error: unknown, options: MapOpenAIErrorOptions): LLMError {
  const abort = Object.assign(new Error('The operation was aborted.'), { name: 'AbortError' });
  return toLLMError(abort, options.providerName).with({
    model: options.model,
    usage: options.usage,
    cause: error,
  });
}

function describe(facts: OpenAIErrorFacts, providerName: string): string {
  if (facts.status !== undefined)
    return `Provider "${providerName}" answered ${facts.status}${facts.code ? ` (${facts.code})` : ''}: ${facts.message}`;
  return `Provider "${providerName}" failed: ${facts.message}`;
}

/** Any error thrown by the openai SDK (or while reading its stream) as a typed LLMError. */
export function mapOpenAIError(error: unknown, options: MapOpenAIErrorOptions): LLMError {
  if (LLMError.is(error))
    return error.usage || !options.usage ? error : error.with({ usage: options.usage });
  if (error instanceof APIUserAbortError || options.signal?.aborted)
    return abortError(error, options);
  const facts = readOpenAIErrorFacts(error);
  const rule = [...(options.rules ?? []), ...OPENAI_ERROR_RULES].find((candidate) =>
    candidate.matches(facts),
  );
  const type =
    rule?.type ??
    (facts.status === undefined ? LLMErrorType.UNKNOWN_ERROR : errorTypeForStatus(facts.status));
  const details = {
    ...(facts.code ? { code: facts.code } : {}),
    ...(facts.errorType ? { error_type: facts.errorType } : {}),
    ...rule?.details?.(facts),
  };
  return new LLMError({
    type,
    message: redactText(describe(facts, options.providerName), options.secrets ?? []),
    providerName: options.providerName,
    statusCode: facts.status,
    requestId: readRequestId(facts.headers) ?? undefined,
    retryAfterMs: parseRetryAfter(facts.headers, options.now),
    model: options.model,
    usage: options.usage,
    retryable: rule?.retryable,
    details: Object.keys(details).length ? details : undefined,
    cause: error,
  });
}
