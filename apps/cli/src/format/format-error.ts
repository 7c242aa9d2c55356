import { LLMError } from '@llm/core';

/** One readable paragraph for stderr: what failed and the facts that help, never a stack trace. */
export function formatError(error: unknown): string {
  if (LLMError.is(error)) {
    const facts = [
      `type ${error.type}`,
      error.providerName !== 'unknown' ? `provider ${error.providerName}` : undefined,
      error.statusCode !== undefined ? `status ${error.statusCode}` : undefined,
      error.requestId ? `request ${error.requestId}` : undefined,
      error.attempts?.length ? `${error.attempts.length} attempt(s)` : undefined,
    ].filter(Boolean);
    return `error: ${error.message} (${facts.join(', ')})`;
  }
  if (error instanceof Error) return `error: ${error.message}`;
  return `error: ${String(error)}`;
}
