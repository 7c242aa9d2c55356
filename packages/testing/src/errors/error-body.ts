import type { WireDialect } from '../routing/wire-dialect';
import type { ScriptedError } from '../simulator-types';
import { anthropicErrorBody } from './anthropic-error-body';
import { azureErrorBody } from './azure-error-body';
import type { ErrorContext } from './error-context';
import { openaiErrorBody } from './openai-error-body';

const BODY_BY_DIALECT = {
  openai: openaiErrorBody,
  azure: azureErrorBody,
  anthropic: anthropicErrorBody,
} satisfies Record<
  WireDialect,
  (status: number, scripted: ScriptedError | undefined, context: ErrorContext) => unknown
>;

/** The error body the real API of this dialect sends for `status`. */
export function errorBody(
  dialect: WireDialect,
  status: number,
  scripted: ScriptedError | undefined,
  context: ErrorContext,
): unknown {
  return BODY_BY_DIALECT[dialect](status, scripted, context);
}
