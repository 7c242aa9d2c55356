import { requestErrors } from '../errors/request-errors';
import type { Route } from '../routing/route-request';
import type { ScriptedError } from '../simulator-types';
import { isRecord } from '../tokens/message-text';

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
