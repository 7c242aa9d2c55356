import { APIError } from 'openai';

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
  /** An SDK APIError (any status, including in-stream errors). */
  readonly isApiError: boolean;
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

function findSystemCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Z_]+$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export function readOpenAIErrorFacts(error: unknown): OpenAIErrorFacts {
  const systemCode = findSystemCode(error);
  if (error instanceof APIError) {
    const body =
      typeof error.error === 'object' && error.error !== null
        ? (error.error as Record<string, unknown>)
        : undefined;
    const bodyMessage = body?.['message'];
    return {
      error,
      status: error.status,
      code: text(error.code) ?? text(body?.['code']),
      errorType: text(error.type),
      message:
        text(bodyMessage) ??
        (bodyMessage === undefined ? error.message : JSON.stringify(bodyMessage)),
      headers: error.headers,
      body,
      systemCode,
      isApiError: true,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { error, message, systemCode, isApiError: false };
}
