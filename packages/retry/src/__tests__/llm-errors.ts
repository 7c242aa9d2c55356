import { LLMError, type LLMErrorOptions, type LLMErrorType } from '@llm/core';

/** A provider-style error of one type, as a mapped SDK error would look. */
export function providerError(type: LLMErrorType, extra: Partial<LLMErrorOptions> = {}): LLMError {
  return new LLMError({ type, message: `simulated ${type}`, providerName: 'openai', ...extra });
}

/** A function that fails with the given errors in order, then resolves with `result`. */
export function failingThen<T>(
  errors: readonly unknown[],
  result: T,
): { readonly calls: () => number; readonly fn: () => Promise<T> } {
  let calls = 0;
  return {
    calls: () => calls,
    fn: async () => {
      const error = errors[calls];
      calls += 1;
      if (error !== undefined) throw error;
      return result;
    },
  };
}
