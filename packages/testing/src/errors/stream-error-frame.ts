import { dataFrame, eventFrame } from '../http/sse-frame';
import type { WireDialect } from '../routing/wire-dialect';
import type { ScriptedError } from '../simulator-types';
import { anthropicErrorObject } from './anthropic-error-body';
import type { ErrorContext } from './error-context';
import { openaiErrorObject } from './openai-error-body';

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
