// Anthropic's error bodies: the documented error type and message for each status.
import type { ErrorContext } from '../server/error-responses';
import type { ScriptedError } from '../simulator-types';

interface AnthropicErrorDefault {
  readonly type: string;
  readonly message: (model: string) => string;
}

// Anthropic's documented error types per HTTP status.
const TABLE: Record<number, AnthropicErrorDefault> = {
  400: { type: 'invalid_request_error', message: () => 'Invalid request.' },
  401: { type: 'authentication_error', message: () => 'invalid x-api-key' },
  402: {
    type: 'billing_error',
    message: () =>
      'Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.',
  },
  403: {
    type: 'permission_error',
    message: () => 'Your API key does not have permission to use the specified resource.',
  },
  404: { type: 'not_found_error', message: (model) => `model: ${model}` },
  413: {
    type: 'request_too_large',
    message: () => 'Request exceeds the maximum allowed number of bytes.',
  },
  429: {
    type: 'rate_limit_error',
    message: () =>
      'This request would exceed the rate limit for your organization of 50 requests per minute. For details, refer to: https://docs.claude.com/en/api/rate-limits. You can see the response headers for current usage.',
  },
  500: { type: 'api_error', message: () => 'Internal server error' },
  504: { type: 'timeout_error', message: () => 'Request timed out' },
  529: { type: 'overloaded_error', message: () => 'Overloaded' },
};

/** The default Anthropic error for a status: the table's row, else invalid_request_error (4xx) / api_error (5xx). */
function anthropicErrorDefault(status: number): AnthropicErrorDefault {
  const row = TABLE[status];
  if (row !== undefined) return row;
  if (status >= 500) return { type: 'api_error', message: () => 'Internal server error' };
  return {
    type: 'invalid_request_error',
    message: () => `The request failed with status ${status}.`,
  };
}

/** The `error` object of an Anthropic error body. */
export function anthropicErrorObject(
  status: number,
  scripted: ScriptedError | undefined,
  context: ErrorContext,
): Record<string, unknown> {
  const defaults = anthropicErrorDefault(status);
  return {
    type: scripted?.type ?? defaults.type,
    message: scripted?.message ?? defaults.message(context.model ?? 'unknown'),
  };
}

/** `{"type":"error","error":{"type","message"},"request_id"}`, or the scripted body as given. */
export function anthropicErrorBody(
  status: number,
  scripted: ScriptedError | undefined,
  context: ErrorContext,
): unknown {
  if (scripted?.body !== undefined) return scripted.body;
  return {
    type: 'error',
    error: anthropicErrorObject(status, scripted, context),
    request_id: context.requestId,
  };
}
