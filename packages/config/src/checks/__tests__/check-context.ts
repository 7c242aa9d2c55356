import { BUILTIN_PROVIDER_TYPES } from '@llm/core';
import type { CheckContext } from '../semantic-checks';

/** A check context for tests: the `[llm]` table and the built-in provider types. */
export function contextFor(llm: Record<string, unknown>, extraTypes: string[] = []): CheckContext {
  return { llm, knownProviderTypes: new Set([...BUILTIN_PROVIDER_TYPES, ...extraTypes]) };
}
