import type { ScriptedUsage } from '../simulator-types';
import type { ResolvedUsage } from './simulated-answer';

export interface ComputedUsage {
  readonly prompt_tokens: number;
  readonly completion_tokens: number;
  readonly reasoning_tokens: number;
}

/** Scripted numbers win field by field; the rest come from the simulator's own counting. */
export function resolveUsage(
  scripted: ScriptedUsage | null | undefined,
  computed: ComputedUsage,
): ResolvedUsage | null {
  if (scripted === null) return null;
  return {
    prompt_tokens: scripted?.prompt_tokens ?? computed.prompt_tokens,
    completion_tokens: scripted?.completion_tokens ?? computed.completion_tokens,
    cached_tokens: scripted?.cached_tokens ?? 0,
    cache_write_tokens: scripted?.cache_write_tokens ?? 0,
    reasoning_tokens: scripted?.reasoning_tokens ?? computed.reasoning_tokens,
  };
}
