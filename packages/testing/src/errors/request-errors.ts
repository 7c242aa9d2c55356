import type { WireDialect } from '../routing/wire-dialect';
import type { ScriptedError } from '../simulator-types';

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
