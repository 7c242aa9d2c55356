// The checks a request passes before it is answered, worded as the real APIs word them: the API
// key it presents, and the body fields clients depend on.
import { isRecord } from '../answer/simulator-tokens';
import type { ScriptedError } from '../simulator-types';
import { requestErrors } from './error-responses';
import type { Route, WireDialect } from './route-request';

function bearer(headers: Readonly<Record<string, string>>): string | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(headers['authorization'] ?? '');
  return match?.[1]?.trim();
}

/** The key a client presented: OpenAI `Authorization: Bearer`; Anthropic `x-api-key` or Bearer; Azure `api-key` or Bearer (AD token). */
function presentedApiKey(
  dialect: WireDialect,
  headers: Readonly<Record<string, string>>,
): string | undefined {
  const key =
    dialect === 'anthropic'
      ? (headers['x-api-key'] ?? bearer(headers))
      : dialect === 'azure'
        ? (headers['api-key'] ?? bearer(headers))
        : bearer(headers);
  return key === undefined || key.trim() === '' ? undefined : key;
}

/** Enough of a key to recognise it, never the key: `***` plus its last 4 characters when it is long. */
function maskApiKey(key: string): string {
  return key.length >= 12 ? `***${key.slice(-4)}` : '***';
}

/** The 401 a request earns: no key, or (when `apiKeys` is given) a key not in it. */
export function authenticationFailure(
  dialect: WireDialect,
  headers: Readonly<Record<string, string>>,
  apiKeys: readonly string[] | undefined,
): ScriptedError | undefined {
  const key = presentedApiKey(dialect, headers);
  if (key === undefined) return requestErrors.missingApiKey(dialect);
  if (apiKeys !== undefined && !apiKeys.includes(key))
    return requestErrors.invalidApiKey(dialect, maskApiKey(key));
  return undefined;
}

type Body = Record<string, unknown>;

function openaiChatProblem(route: Route, body: Body): ScriptedError | undefined {
  const field = (message: string, param: string, code: string | null = null): ScriptedError =>
    requestErrors.invalidField(route.dialect, message, param, code);
  if (route.dialect === 'openai' && typeof body['model'] !== 'string')
    return field('you must provide a model parameter', 'model');
  const messages = body['messages'];
  if (!Array.isArray(messages))
    return field(
      "Missing required parameter: 'messages'.",
      'messages',
      'missing_required_parameter',
    );
  if (messages.length === 0) {
    return field(
      "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.",
      'messages',
      'empty_array',
    );
  }
  const n = body['n'];
  if (typeof n === 'number' && n !== 1)
    return field(`llm-sim answers n = 1 only (got n = ${n}).`, 'n', 'unsupported_value');
  return undefined;
}

function anthropicProblem(
  route: Route,
  body: Body,
  headers: Readonly<Record<string, string>>,
): ScriptedError | undefined {
  const field = (message: string, param: string): ScriptedError =>
    requestErrors.invalidField(route.dialect, message, param);
  if (headers['anthropic-version'] === undefined)
    return field('anthropic-version: header is required', 'anthropic-version');
  for (const required of ['model', 'max_tokens', 'messages']) {
    if (body[required] === undefined) return field(`${required}: Field required`, required);
  }
  if (!Array.isArray(body['messages']))
    return field('messages: Input should be a valid list', 'messages');
  return undefined;
}

function embeddingsProblem(route: Route, body: Body): ScriptedError | undefined {
  if (route.dialect === 'openai' && typeof body['model'] !== 'string') {
    return requestErrors.invalidField(route.dialect, 'you must provide a model parameter', 'model');
  }
  const input = body['input'];
  if (input === undefined || (Array.isArray(input) && input.length === 0)) {
    return requestErrors.invalidField(
      route.dialect,
      "Missing required parameter: 'input'.",
      'input',
      'missing_required_parameter',
    );
  }
  return undefined;
}

/** The 400 the real API would send for this body, if any (only checks that matter to clients). */
export function requestProblem(
  route: Route,
  body: unknown,
  headers: Readonly<Record<string, string>>,
): ScriptedError | undefined {
  if (route.kind === 'models' || route.kind === 'unknown') return undefined;
  if (!isRecord(body)) return requestErrors.invalidJson(route.dialect);
  if (route.kind === 'chat') return openaiChatProblem(route, body);
  if (route.kind === 'messages') return anthropicProblem(route, body, headers);
  return embeddingsProblem(route, body);
}
