import type { Clock, LLMRequest, Logger } from '@llm/core';
import { estimateMessageTokens, findModelConfig } from '@llm/core';
import type { LLMConfig } from '@llm/config';
import type { BudgetGuard } from '@llm/usage';
import type { ProviderEntry } from './provider-runtime';
import { selectProvider } from './select-provider';
import type { UsageAccounting } from './usage-accounting';

/** What every call path reads: the current config snapshot and the providers built from it. */
export interface ManagerState {
  config(): LLMConfig;
  entries(): ReadonlyMap<string, ProviderEntry>;
  readonly accounting: UsageAccounting;
  budgets(): BudgetGuard | undefined;
  readonly clock: Clock;
  readonly logger: Logger;
}

/** Picks the provider entry for a request; the entry is held for the whole call (reloads don't move it). */
export function routeRequest(
  state: ManagerState,
  request: { model: string; provider?: string },
): ProviderEntry {
  const entries = state.entries();
  const providers = new Map([...entries].map(([name, entry]) => [name, entry.provider]));
  const provider = selectProvider(providers, request, state.config().default_provider);
  return entries.get(provider.name)!;
}

/** Tokens a call may use, for tokens-per-minute limits; computed only where such a limit is set. */
export function estimatedTokensFor(entry: ProviderEntry, request: LLMRequest): number | undefined {
  const config = entry.provider.config;
  const limited =
    config.rate_limit?.tokens_per_minute ??
    findModelConfig(config, request.model)?.rate_limit?.tokens_per_minute;
  if (limited === undefined) return undefined;
  const prompt = estimateMessageTokens(request.messages, {
    model: request.model,
    tools: request.tools,
  }).tokens;
  return prompt + (request.max_tokens ?? 0);
}
