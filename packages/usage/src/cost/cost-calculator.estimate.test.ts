import { describe, expect, it } from 'vitest';
import { estimateMessageTokens } from '@llm/core';
import { createCostCalculator, estimateCallCost } from './cost-calculator';

describe('estimateCallCost', () => {
  const messages = [
    { role: 'user' as const, content: 'Summarise the quarterly report in three sentences.' },
  ];

  it('prices the estimated prompt and max_tokens completion, flagged estimated', () => {
    const calculator = createCostCalculator();
    const usage = estimateCallCost(
      calculator,
      { messages, max_tokens: 200 },
      { provider: 'openai', model: 'gpt-4o' },
    );
    const prompt = estimateMessageTokens(messages, { model: 'gpt-4o' }).tokens;
    expect(usage).toMatchObject({ prompt_tokens: prompt, completion_tokens: 200, estimated: true });
    expect(usage.cost_breakdown?.total_decimal).toBe(
      String((prompt * 25 + 200 * 100) / 10_000_000),
    );
  });

  it('counts no completion tokens when the request sets no max_tokens', () => {
    const usage = estimateCallCost(
      createCostCalculator(),
      { messages },
      { provider: 'openai', model: 'gpt-4o' },
    );
    expect(usage.completion_tokens).toBe(0);
  });
});
