// OpenAI's error bodies: the type, code and message api.openai.com sends for each status.
import type { ErrorContext } from '../server/error-responses';
import type { ScriptedError } from '../simulator-types';

interface OpenAIErrorDefault {
  readonly type: string;
  readonly code: string | null;
  readonly message: (model: string) => string;
}

// What api.openai.com sends for each status (types and codes as its real bodies carry them).
const TABLE: Record<number, OpenAIErrorDefault> = {
  400: { type: 'invalid_request_error', code: null, message: () => 'Invalid request.' },
  401: {
    type: 'invalid_request_error',
    code: 'invalid_api_key',
    message: () =>
      'Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.',
  },
  403: {
    type: 'request_forbidden',
    code: 'unsupported_country_region_territory',
    message: () => 'Country, region, or territory not supported',
  },
  404: {
    type: 'invalid_request_error',
    code: 'model_not_found',
    message: (model) => `The model \`${model}\` does not exist or you do not have access to it.`,
  },
  429: {
    type: 'requests',
    code: 'rate_limit_exceeded',
    message: (model) =>
      `Rate limit reached for ${model} in organization org-llmsim on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20s. Visit https://platform.openai.com/account/rate-limits to learn more.`,
  },
  500: {
    type: 'server_error',
    code: null,
    message: () => 'The server had an error while processing your request. Sorry about that!',
  },
  503: {
    type: 'server_error',
    code: null,
    message: () => 'The engine is currently overloaded, please try again later.',
  },
};

/** The default OpenAI error for a status: the table's row, else invalid_request_error (4xx) / server_error (5xx). */
function openaiErrorDefault(status: number): OpenAIErrorDefault {
  const row = TABLE[status];
  if (row !== undefined) return row;
  if (status >= 500)
    return {
      type: 'server_error',
      code: null,
      message: () => `The server returned status ${status}.`,
    };
  return {
    type: 'invalid_request_error',
    code: null,
    message: () => `The request failed with status ${status}.`,
  };
}

/** The `error` object of an OpenAI error body. */
export function openaiErrorObject(
  status: number,
  scripted: ScriptedError | undefined,
  context: ErrorContext,
): Record<string, unknown> {
  const defaults = openaiErrorDefault(status);
  const type = scripted?.type ?? defaults.type;
  // A quota error is `insufficient_quota` in both fields; other scripted types keep the status's code.
  const code =
    scripted?.code ?? (type === 'insufficient_quota' ? 'insufficient_quota' : defaults.code);
  return {
    message: scripted?.message ?? defaults.message(context.model ?? 'unknown'),
    type,
    param: scripted?.param ?? null,
    code,
  };
}

/** `{"error":{"message","type","param","code"}}`, or the scripted body as given. */
export function openaiErrorBody(
  status: number,
  scripted: ScriptedError | undefined,
  context: ErrorContext,
): unknown {
  if (scripted?.body !== undefined) return scripted.body;
  return { error: openaiErrorObject(status, scripted, context) };
}
