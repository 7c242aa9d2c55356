import type { CheckContext } from './check-context';

/** A check context for tests: the `[llm]` table and the built-in provider types. */
export function contextFor(llm: Record<string, unknown>, extraTypes: string[] = []): CheckContext {
  return {
    llm,
    knownProviderTypes: new Set([
      'openai',
      'azure',
      'claude',
      'anthropic',
      'generic',
      ...extraTypes,
    ]),
  };
}
