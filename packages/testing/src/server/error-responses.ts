// Error responses: the error body each dialect's real API sends (OpenAI, Azure, Anthropic), the
// in-stream error frame, and the errors the simulator raises itself (routing, auth, body checks).
import { dataFrame, eventFrame } from '../answer/rendered-response';
import { isRecord } from '../answer/simulator-tokens';
import { anthropicErrorBody, anthropicErrorObject } from '../anthropic/anthropic-errors';
import { azureErrorBody } from '../azure/azure-errors';
import { openaiErrorBody, openaiErrorObject } from '../openai/openai-errors';
import type { ScriptedError } from '../simulator-types';
import type { Exchange } from './exchange';
import type { WireDialect } from './route-request';

/** Facts about the request that error messages mention. */
export interface ErrorContext {
  readonly model: string | undefined;
  readonly requestId: string;
  readonly apiVersion: string | undefined;
}

const BODY_BY_DIALECT = {
  openai: openaiErrorBody,
  azure: azureErrorBody,
  anthropic: anthropicErrorBody,
} satisfies Record<
  WireDialect,
  (status: number, scripted: ScriptedError | undefined, context: ErrorContext) => unknown
>;

/** The error body the real API of this dialect sends for `status`. */
function errorBody(
  dialect: WireDialect,
  status: number,
  scripted: ScriptedError | undefined,
  context: ErrorContext,
): unknown {
  return BODY_BY_DIALECT[dialect](status, scripted, context);
}

/**
 * The in-stream error a dialect sends after headers went out: OpenAI/Azure `data: {"error":…}`
 * (default server_error), Anthropic `event: error` (default overloaded_error, its usual mid-stream error).
 */
export function streamErrorFrame(
  dialect: WireDialect,
  scripted: ScriptedError | undefined,
  context: ErrorContext,
): string {
  if (dialect === 'anthropic') {
    if (scripted?.body !== undefined) return eventFrame('error', scripted.body);
    return eventFrame('error', {
      type: 'error',
      error: anthropicErrorObject(scripted?.status ?? 529, scripted, context),
    });
  }
  if (scripted?.body !== undefined) return dataFrame(scripted.body);
  return dataFrame({ error: openaiErrorObject(scripted?.status ?? 500, scripted, context) });
}

/** What error messages may mention about this request. */
export function errorContextOf(exchange: Exchange): ErrorContext {
  const body = exchange.record.body;
  const model = isRecord(body) && typeof body['model'] === 'string' ? body['model'] : undefined;
  return {
    model: model ?? exchange.route.modelId ?? exchange.route.deployment,
    requestId: exchange.requestId,
    apiVersion: exchange.record.query['api-version'],
  };
}

/** An HTTP error response with the dialect's real body (or the scripted one). */
export function sendError(exchange: Exchange, error: ScriptedError): void {
  exchange.sendJson(
    error.status,
    errorBody(exchange.route.dialect, error.status, error, errorContextOf(exchange)),
  );
}

function openaiBody(
  message: string,
  param: string | null = null,
  code: string | null = null,
): ScriptedError['body'] {
  return { error: { message, type: 'invalid_request_error', param, code } };
}

/** The errors the simulator raises itself (routing, auth, body checks), each as its real API words it. */
export const requestErrors = {
  unknownRoute(dialect: WireDialect, method: string, path: string): ScriptedError {
    if (dialect === 'anthropic')
      return { status: 404, type: 'not_found_error', message: 'Not Found' };
    if (dialect === 'azure') return { status: 404 };
    return { status: 404, body: openaiBody(`Invalid URL (${method} ${path})`) };
  },
  missingApiVersion(): ScriptedError {
    return { status: 404 };
  },
  missingApiKey(dialect: WireDialect): ScriptedError {
    if (dialect === 'anthropic')
      return { status: 401, type: 'authentication_error', message: 'x-api-key header is required' };
    if (dialect === 'azure') return { status: 401 };
    return {
      status: 401,
      body: openaiBody(
        "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (i.e. YOUR_KEY:YOUR_KEY) when using HTTP basic auth. You can obtain an API key from https://platform.openai.com/account/api-keys.",
      ),
    };
  },
  invalidApiKey(dialect: WireDialect, maskedKey: string): ScriptedError {
    if (dialect === 'anthropic')
      return { status: 401, type: 'authentication_error', message: 'invalid x-api-key' };
    if (dialect === 'azure') return { status: 401 };
    return {
      status: 401,
      message: `Incorrect API key provided: ${maskedKey}. You can find your API key at https://platform.openai.com/account/api-keys.`,
    };
  },
  invalidJson(dialect: WireDialect): ScriptedError {
    if (dialect === 'anthropic') {
      return {
        status: 400,
        type: 'invalid_request_error',
        message: 'There was an error parsing the body of your request: it is not valid JSON.',
      };
    }
    return {
      status: 400,
      body: openaiBody(
        "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how to fix this, please contact us through our help center at help.openai.com.)",
      ),
    };
  },
  /** A 400 about one field, in the dialect's words. */
  invalidField(
    dialect: WireDialect,
    message: string,
    param: string,
    code: string | null = null,
  ): ScriptedError {
    if (dialect === 'anthropic') return { status: 400, type: 'invalid_request_error', message };
    return { status: 400, body: openaiBody(message, param, code) };
  },
};
