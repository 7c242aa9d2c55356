import {
  LLMError,
  LLMErrorType,
  bodyExcerpt,
  isContextLengthError,
  errorTypeForStatus,
  parseRetryAfter,
  readRequestId,
  redactText,
  toLLMError,
  type TokenUsage,
} from '@llm/core';
import type { APIError } from 'openai';
import { loadedOpenAISdk, type OpenAISdkModule } from '../openai-sdk';

type SdkErrorClass =
  'APIError' | 'APIConnectionError' | 'APIConnectionTimeoutError' | 'APIUserAbortError';

/**
 * Whether `error` is an instance of one of the SDK's error classes. The SDK is loaded lazily, by
 * the first provider that builds a client; before that no SDK error can exist.
 */
function isSdkError<Name extends SdkErrorClass>(
  error: unknown,
  name: Name,
): error is InstanceType<OpenAISdkModule[Name]> {
  const sdk = loadedOpenAISdk();
  return sdk !== undefined && error instanceof sdk[name];
}

/** What the error mapper's rules look at, read once from whatever was thrown. */
export interface OpenAIErrorFacts {
  readonly error: unknown;
  /** HTTP status; undefined for connection failures and errors inside a 200 stream. */
  readonly status?: number;
  /** The body's `error.code` (`insufficient_quota`, `context_length_exceeded`, `content_filter`, …). */
  readonly code?: string;
  /** The body's `error.type` (`invalid_request_error`, `insufficient_quota`, `server_error`, …). */
  readonly errorType?: string;
  /** The provider's own message, without the SDK's status prefix. */
  readonly message: string;
  readonly headers?: Headers;
  /** The body's `error` object. */
  readonly body?: Readonly<Record<string, unknown>>;
  /** A system error code found on the error or its causes (`ECONNREFUSED`, `UND_ERR_SOCKET`, …). */
  readonly systemCode?: string;
  /** Where that system error was going: `127.0.0.1:41234`, or the host name a lookup failed for. */
  readonly systemTarget?: string;
  /** The response body as the server sent it, when it was not JSON (an HTML error page, say). */
  readonly rawBody?: string;
  /** An SDK APIError (any status, including in-stream errors). */
  readonly isApiError: boolean;
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/** The first error in the cause chain that carries a system code, with where it was going. */
function findSystemError(error: unknown): { code: string; target?: string } | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const { code, address, port, hostname } = current as Record<string, unknown>;
    if (typeof code === 'string' && /^[A-Z_]+$/.test(code)) {
      const host = text(address) ?? text(hostname);
      const target =
        host === undefined ? undefined : typeof port === 'number' ? `${host}:${port}` : host;
      return { code, target };
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * The body of a non-JSON error response. The SDK keeps no parsed `error` for it and puts the text
 * itself after the status in its message (`502 <html>…`); an empty body reads `(no body)`.
 */
function rawBodyOf(error: APIError): string | undefined {
  if (error.error !== undefined || error.status === undefined) return undefined;
  const prefix = `${error.status} `;
  if (!error.message.startsWith(prefix)) return undefined;
  const rest = error.message.slice(prefix.length);
  return rest === 'status code (no body)' ? undefined : rest;
}

export function readOpenAIErrorFacts(error: unknown): OpenAIErrorFacts {
  const system = findSystemError(error);
  const systemCode = system?.code;
  const systemTarget = system?.target;
  if (isSdkError(error, 'APIError')) {
    const body =
      typeof error.error === 'object' && error.error !== null
        ? (error.error as Record<string, unknown>)
        : undefined;
    const bodyMessage = body?.['message'];
    const rawBody = rawBodyOf(error);
    return {
      error,
      status: error.status,
      code: text(error.code) ?? text(body?.['code']),
      errorType: text(error.type),
      message:
        rawBody ??
        text(bodyMessage) ??
        (bodyMessage === undefined ? error.message : JSON.stringify(bodyMessage)),
      headers: error.headers,
      body,
      systemCode,
      systemTarget,
      rawBody,
      isApiError: true,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { error, message, systemCode, systemTarget, isApiError: false };
}

/** Where the filter struck: the prompt (Azure answers 400) or the model's output (finish reason). */
export type ContentFilterSource = 'prompt' | 'completion';

/**
 * Names of the categories a content-filter result marks as filtered, e.g. `violence`, `jailbreak`.
 * Accepts Azure's per-category object (`{ hate: { filtered, severity }, … }`) or a list of them.
 */
export function filteredCategories(results: unknown): string[] {
  if (Array.isArray(results))
    return [...new Set(results.flatMap((item) => filteredCategories(readResults(item))))];
  if (typeof results !== 'object' || results === null) return [];
  return Object.entries(results as Record<string, unknown>)
    .filter(
      ([, value]) =>
        typeof value === 'object' &&
        value !== null &&
        (value as { filtered?: unknown }).filtered === true,
    )
    .map(([category]) => category);
}

/** Azure nests the categories under `content_filter_results` (prompt results) or `content_filter_result`. */
function readResults(item: unknown): unknown {
  if (typeof item !== 'object' || item === null) return item;
  const record = item as Record<string, unknown>;
  return record['content_filter_results'] ?? record['content_filter_result'] ?? item;
}

/** The `details` every content-filter error carries. */
export function contentFilterDetails(
  source: ContentFilterSource,
  results: unknown,
): Record<string, unknown> {
  return {
    reason: 'content_filter',
    source,
    categories: filteredCategories(readResults(results)),
    content_filter_results: results,
  };
}

export interface ContentFilterErrorOptions {
  providerName: string;
  source: ContentFilterSource;
  /** The filter results as the server sent them (kept whole in `details`). */
  results?: unknown;
  message?: string;
  model?: string;
  usage?: TokenUsage;
  statusCode?: number;
  requestId?: string;
  cause?: unknown;
}

/**
 * The typed error for content the provider's filter blocked: invalid_request, not retryable (the
 * same input is blocked again), with `details.reason = 'content_filter'`, the filtered `categories`
 * and the raw `content_filter_results`.
 */
export function contentFilterError(options: ContentFilterErrorOptions): LLMError {
  const details = contentFilterDetails(options.source, options.results);
  const categories = details['categories'] as string[];
  const what = options.source === 'prompt' ? 'The prompt' : "The model's output";
  const listed = categories.length ? ` (categories: ${categories.join(', ')})` : '';
  return new LLMError({
    type: LLMErrorType.INVALID_REQUEST,
    message:
      `${what} was blocked by the content filter of provider "${options.providerName}"${listed}` +
      (options.message ? `: ${options.message}` : ''),
    providerName: options.providerName,
    statusCode: options.statusCode,
    retryable: false,
    requestId: options.requestId,
    model: options.model,
    usage: options.usage,
    details,
    cause: options.cause,
  });
}

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
  facts.isApiError && facts.status === undefined && !isSdkError(facts.error, 'APIConnectionError');

/** SDK errors → LLMError types, in precedence order: the first matching row decides. */
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
    matches: (facts) =>
      isSdkError(facts.error, 'APIConnectionTimeoutError') || facts.status === 408,
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
  // A host name that does not resolve stays unresolved on retry; EAI_AGAIN (a DNS hiccup) does not.
  {
    name: 'host not found',
    matches: (facts) => facts.systemCode === 'ENOTFOUND',
    type: LLMErrorType.NETWORK_ERROR,
    retryable: false,
  },
  {
    name: 'connection failed',
    matches: (facts) =>
      isSdkError(facts.error, 'APIConnectionError') || NETWORK_CODES.test(facts.systemCode ?? ''),
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

function describe(facts: OpenAIErrorFacts, options: MapOpenAIErrorOptions): string {
  const { providerName, secrets = [] } = options;
  const message = facts.rawBody === undefined ? facts.message : bodyExcerpt(facts.rawBody, secrets);
  if (facts.status !== undefined)
    return `Provider "${providerName}" answered ${facts.status}${facts.code ? ` (${facts.code})` : ''}: ${message}`;
  if (facts.systemCode !== undefined && isSdkError(facts.error, 'APIConnectionError')) {
    const cause = [facts.systemCode, facts.systemTarget].filter(Boolean).join(' ');
    return `Provider "${providerName}" could not be reached: ${cause} (${message})`;
  }
  return `Provider "${providerName}" failed: ${message}`;
}

/** Any error thrown by the openai SDK (or while reading its stream) as a typed LLMError. */
export function mapOpenAIError(error: unknown, options: MapOpenAIErrorOptions): LLMError {
  if (LLMError.is(error))
    return error.usage || !options.usage ? error : error.with({ usage: options.usage });
  if (isSdkError(error, 'APIUserAbortError') || options.signal?.aborted)
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
    message: redactText(describe(facts, options), options.secrets ?? []),
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
