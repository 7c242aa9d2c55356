import type { ScriptedError } from '../simulator-types';
import type { ErrorContext } from './error-context';
import { openaiErrorDefault } from './openai-error-defaults';

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
