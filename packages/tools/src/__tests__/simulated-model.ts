import { Decimal } from '@llm/usage';
import { OpenAIProvider } from '@llm/providers-openai';
import { ClaudeProvider } from '@llm/providers-claude';
import type { ILLMProvider, LLMProviderConfig, TokenUsage } from '@llm/core';
import { startSimulator, type Simulator } from '@llm/testing';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { AgentModel, AgentModelFacts } from '../agent-model';

/** One simulator for the file, its log and queue forgotten after each test. */
export function useSimulator(): { readonly current: Simulator } {
  const holder = { current: undefined as unknown as Simulator };
  beforeAll(async () => {
    holder.current = await startSimulator();
  });
  afterEach(() => holder.current.reset());
  afterAll(() => holder.current.close());
  return holder;
}

function config(simulator: Simulator, type: 'openai' | 'claude'): LLMProviderConfig {
  return {
    name: type,
    type,
    api_key: 'sk-test-tools-0123456789',
    base_url: type === 'openai' ? simulator.openaiBaseURL : simulator.anthropicBaseURL,
    models: [],
    enabled: true,
    timeout: 10_000,
    max_retries: 0,
  } as LLMProviderConfig;
}

/** Sums tokens, and costs exactly from their decimals (as the manager does). */
export function exactSum(usages: readonly TokenUsage[]): TokenUsage {
  const sum: TokenUsage = { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 };
  let cost: Decimal | undefined = Decimal.ZERO;
  for (const usage of usages) {
    sum.prompt_tokens += usage.prompt_tokens;
    sum.completion_tokens += usage.completion_tokens;
    sum.total_tokens += usage.total_tokens;
    cost =
      usage.cost === undefined || cost === undefined
        ? undefined
        : cost.plus(Decimal.from(usage.cost));
  }
  if (cost !== undefined && usages.length > 0) sum.cost = cost.toNumber();
  return sum;
}

/**
 * The toolbox's model on a real provider (the official SDK over HTTP to the simulator); the calls'
 * options are kept so tests can check the call ids.
 */
export function simulatedModel(
  simulator: Simulator,
  type: 'openai' | 'claude' = 'openai',
  facts: AgentModelFacts = {},
): AgentModel & { calls: { callId: string }[] } {
  const provider: ILLMProvider =
    type === 'openai'
      ? new OpenAIProvider(config(simulator, type))
      : new ClaudeProvider(config(simulator, type));
  const calls: { callId: string }[] = [];
  return {
    calls,
    chat(request, options) {
      calls.push({ callId: options.callId });
      return provider.chatCompletion(request, options.signal ? { signal: options.signal } : {});
    },
    stream(request, options) {
      calls.push({ callId: options.callId });
      return provider.streamCompletion(request, options.signal ? { signal: options.signal } : {});
    },
    sumUsage: exactSum,
    modelFacts: () => facts,
  };
}
