import type { ScriptedError } from '../simulator-types';
import { anthropicErrorDefault } from './anthropic-error-defaults';
import type { ErrorContext } from './error-context';

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
