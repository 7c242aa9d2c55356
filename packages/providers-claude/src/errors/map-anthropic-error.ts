import type { APIError } from '@anthropic-ai/sdk';
import { loadedAnthropicSdk, type AnthropicSdkModule } from '../anthropic-sdk';
import {
  LLMError,
  LLMErrorType,
  bodyExcerpt,
  errorTypeForStatus,
  isContextLengthError,
  parseRetryAfter,
  readRequestId,
  redactText,
  toLLMError,
  type TokenUsage,
} from '@llm/core';

type SdkErrorClass =
  'APIError' | 'APIConnectionError' | 'APIConnectionTimeoutError' | 'APIUserAbortError';

/**
 * Whether `error` is an instance of one of the SDK's error classes. The SDK is loaded lazily, by
 * the first call of a Claude provider; before that no SDK error can exist.
 */
function isSdkError<Name extends SdkErrorClass>(
  error: unknown,
  name: Name,
): error is InstanceType<AnthropicSdkModule[Name]> {
  const sdk = loadedAnthropicSdk();
  return sdk !== undefined && error instanceof sdk[name];
}

export interface AnthropicErrorContext {
  providerName: string;
  model?: string;
  /** Usage known when the call failed (a stream that broke after some output). */
  usage?: TokenUsage;
  /** Values that must never appear in a message (the API key). */
  secrets?: readonly (string | undefined)[];
  /** Epoch ms, for `retry-after` given as an HTTP date. */
  now?: number;
}

/** HTTP status → error type, where Anthropic's meaning is sharper than core's generic table. */
const STATUS_TABLE: Readonly<Record<number, LLMErrorType>> = {
  400: LLMErrorType.INVALID_REQUEST,
  401: LLMErrorType.AUTHENTICATION_ERROR,
  403: LLMErrorType.AUTHENTICATION_ERROR,
  404: LLMErrorType.MODEL_NOT_FOUND,
  408: LLMErrorType.TIMEOUT_ERROR,
  413: LLMErrorType.TOKEN_LIMIT_ERROR,
  422: LLMErrorType.INVALID_REQUEST,
  429: LLMErrorType.RATE_LIMIT_ERROR,
  500: LLMErrorType.SERVER_ERROR,
  502: LLMErrorType.SERVER_ERROR,
  503: LLMErrorType.SERVER_ERROR,
  504: LLMErrorType.SERVER_ERROR,
  529: LLMErrorType.SERVER_ERROR,
};

/** Anthropic `error.type` → error type; decides when there is no status (an `event: error` mid-stream). */
const ANTHROPIC_TYPE_TABLE: Readonly<Record<string, LLMErrorType>> = {
  invalid_request_error: LLMErrorType.INVALID_REQUEST,
  authentication_error: LLMErrorType.AUTHENTICATION_ERROR,
  permission_error: LLMErrorType.AUTHENTICATION_ERROR,
  not_found_error: LLMErrorType.MODEL_NOT_FOUND,
  request_too_large: LLMErrorType.TOKEN_LIMIT_ERROR,
  rate_limit_error: LLMErrorType.RATE_LIMIT_ERROR,
  timeout_error: LLMErrorType.TIMEOUT_ERROR,
  api_error: LLMErrorType.SERVER_ERROR,
  overloaded_error: LLMErrorType.SERVER_ERROR,
};

function typeOfApiError(
  status: number | undefined,
  anthropicType: string | undefined,
  errorCode: string | undefined,
  message: string,
): LLMErrorType {
  const type =
    status !== undefined
      ? (STATUS_TABLE[status] ?? errorTypeForStatus(status))
      : ((anthropicType === undefined ? undefined : ANTHROPIC_TYPE_TABLE[anthropicType]) ??
        LLMErrorType.SERVER_ERROR);
  // Anthropic sends a too-long prompt as a plain invalid_request_error with no error code, so
  // core's context-length check (code first, then its wording) is the only fact there is.
  if (type === LLMErrorType.INVALID_REQUEST && isContextLengthError(message, errorCode))
    return LLMErrorType.TOKEN_LIMIT_ERROR;
  return type;
}

/** The body of an HTTP error that was not Anthropic's error JSON, as the SDK kept it. */
function rawBodyOf(error: APIError): string {
  if (typeof error.error === 'string') return error.error;
  if (error.error !== undefined && error.error !== null) return JSON.stringify(error.error);
  // Without a JSON body the SDK's message is "<status> <body text>".
  const prefix = `${error.status} `;
  return error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
}

function mediaTypeOf(contentType: string | null | undefined): string | undefined {
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  return mediaType === '' ? undefined : mediaType;
}

function fromApiError(
  error: APIError,
  context: AnthropicErrorContext,
  redact: (text: string) => string,
): LLMError {
  const anthropicType = error.type ?? undefined;
  // apiMessage is null when the body was not Anthropic's error JSON (an HTML page from a proxy).
  const contentType = mediaTypeOf(error.headers?.get('content-type'));
  const providerMessage =
    error.apiMessage ??
    (error.status === undefined ? error.message : bodyExcerpt(rawBodyOf(error), context.secrets));
  const type = typeOfApiError(
    error.status,
    anthropicType,
    error.errorCode ?? undefined,
    providerMessage,
  );
  const where = error.status === undefined ? 'in the stream' : `with HTTP ${error.status}`;
  const what = anthropicType
    ? ` (${anthropicType})`
    : error.apiMessage === null && contentType
      ? ` (${contentType})`
      : '';
  return new LLMError({
    type,
    message: redact(`Anthropic API failed ${where}${what}: ${providerMessage}`),
    providerName: context.providerName,
    model: context.model,
    statusCode: error.status,
    requestId: error.requestID ?? readRequestId(error.headers) ?? undefined,
    retryAfterMs: parseRetryAfter(error.headers, context.now),
    usage: context.usage,
    details: {
      ...(anthropicType && { anthropic_error_type: anthropicType }),
      ...(error.errorCode && { error_code: error.errorCode }),
      ...(error.apiMessage === null && contentType && { content_type: contentType }),
    },
    cause: error,
  });
}

/** A response the SDK accepted (a 2xx) whose body is not the Messages API's JSON or SSE. */
export interface UnexpectedResponse {
  status: number;
  contentType: string | null | undefined;
  body: string;
  requestId?: string;
}

/**
 * A 2xx answer that is not the protocol (a proxy's HTML login page, some other JSON) → a typed
 * error with a short excerpt of the body: `server_error` for a 2xx, else the type its status means.
 * Never a successful empty answer.
 */
export function unexpectedResponseError(
  response: UnexpectedResponse,
  context: AnthropicErrorContext,
): LLMError {
  const redact = (text: string) => redactText(text, context.secrets ?? []);
  const contentType = mediaTypeOf(response.contentType);
  const type =
    response.status >= 400
      ? (STATUS_TABLE[response.status] ?? errorTypeForStatus(response.status))
      : LLMErrorType.SERVER_ERROR;
  return new LLMError({
    type,
    message: redact(
      `The Anthropic API answered HTTP ${response.status} with ${contentType ?? 'no content type'}, not the Messages API's response: ${bodyExcerpt(response.body, context.secrets)}`,
    ),
    providerName: context.providerName,
    model: context.model,
    statusCode: response.status,
    ...(response.requestId && { requestId: response.requestId }),
    usage: context.usage,
    details: { unexpected_response: true, ...(contentType && { content_type: contentType }) },
  });
}

function causeChain(error: unknown): string {
  const parts: string[] = [];
  for (
    let current: unknown = error;
    current instanceof Error && parts.length < 4;
    current = current.cause
  ) {
    const code = (current as { code?: unknown }).code;
    parts.push(typeof code === 'string' ? `${current.message} (${code})` : current.message);
  }
  return parts.join(': ');
}

/** Socket-level error codes (Node and undici) that mean the connection failed or broke. */
const CONNECTION_ERROR_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_ABORTED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

/** The first error code found along the cause chain (undici puts the socket's code on the cause). */
function errorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = current.cause;
  }
  return undefined;
}

function isDroppedConnection(error: unknown): boolean {
  const code = errorCode(error);
  return code !== undefined && CONNECTION_ERROR_CODES.has(code);
}

/**
 * One place that turns whatever the Anthropic SDK (or the stream under it) throws into an LLMError:
 * HTTP errors by status (then Anthropic's `error.type` when there is no status), a prompt that is
 * too long as token_limit, timeouts, connection failures, dropped streams and malformed JSON.
 */
export function mapAnthropicError(error: unknown, context: AnthropicErrorContext): LLMError {
  if (LLMError.is(error)) return error;
  const redact = (text: string) => redactText(text, context.secrets ?? []);
  const base = {
    providerName: context.providerName,
    model: context.model,
    usage: context.usage,
    cause: error,
  };
  if (isSdkError(error, 'APIUserAbortError'))
    return toLLMError(error, context.providerName).with({
      model: context.model,
      usage: context.usage,
    });
  if (isSdkError(error, 'APIConnectionTimeoutError')) {
    return new LLMError({
      ...base,
      type: LLMErrorType.TIMEOUT_ERROR,
      message: 'The request to Anthropic timed out before a response arrived.',
    });
  }
  if (isSdkError(error, 'APIConnectionError')) {
    return new LLMError({
      ...base,
      type: LLMErrorType.NETWORK_ERROR,
      message: redact(`Could not reach the Anthropic API: ${causeChain(error)}`),
      // A host name that does not resolve stays unresolved on retry; EAI_AGAIN (a DNS hiccup) does not.
      ...(errorCode(error.cause) === 'ENOTFOUND' && { retryable: false }),
    });
  }
  if (isSdkError(error, 'APIError')) return fromApiError(error, context, redact);
  if (error instanceof SyntaxError) {
    return new LLMError({
      ...base,
      type: LLMErrorType.SERVER_ERROR,
      message: redact(`The Anthropic API sent a response that is not valid JSON: ${error.message}`),
      details: { malformed_response: true },
    });
  }
  if (isDroppedConnection(error)) {
    return new LLMError({
      ...base,
      type: LLMErrorType.NETWORK_ERROR,
      message: redact(`The connection to the Anthropic API broke: ${causeChain(error)}`),
    });
  }
  return toLLMError(error, context.providerName).with({
    model: context.model,
    usage: context.usage,
    message: redact(error instanceof Error ? error.message : String(error)),
  });
}
