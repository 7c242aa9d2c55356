import { describe, expect, it } from 'vitest';
import { estimateMessageTokens } from '@llm/core';
import { createCostCalculator, estimateCallCost, estimateMaximumCallCost } from './cost-calculator';

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

describe('estimateMaximumCallCost', () => {
  const messages = [{ role: 'user' as const, content: 'Write a haiku about budgets.' }];
  const prompt = estimateMessageTokens(messages, { model: 'gpt-4o' }).tokens;
  const calculator = createCostCalculator();

  it("reserves the request's max_tokens of output when it sets one", () => {
    const usage = estimateMaximumCallCost(
      calculator,
      { messages, max_tokens: 50 },
      { provider: 'openai', model: 'gpt-4o' },
    );
    expect(usage).toMatchObject({ prompt_tokens: prompt, completion_tokens: 50, estimated: true });
  });

  it("reserves the model's configured max_tokens, else the catalog's output limit, when the request sets none", () => {
    const configured = estimateMaximumCallCost(
      calculator,
      { messages },
      { provider: 'openai', model: 'gpt-4o', models: [{ name: 'gpt-4o', max_tokens: 700 }] },
    );
    expect(configured.completion_tokens).toBe(700);
    const fromCatalog = estimateMaximumCallCost(
      calculator,
      { messages },
      { provider: 'openai', model: 'gpt-4o' },
    );
    expect(fromCatalog.completion_tokens).toBe(16_384);
    expect(fromCatalog.cost_breakdown?.total_decimal).toBe(
      String((prompt * 25 + 16_384 * 100) / 10_000_000),
    );
  });

  it('prices an embeddings call by its input alone', () => {
    const usage = estimateMaximumCallCost(
      calculator,
      { input: ['one', 'two'] },
      { provider: 'openai', model: 'text-embedding-3-small' },
    );
    expect(usage).toMatchObject({ completion_tokens: 0, estimated: true });
    expect(usage.prompt_tokens).toBeGreaterThan(0);
    expect(usage.pricing_missing).toBeUndefined();
  });

  it('is pricing_missing for a model with no known price', () => {
    const usage = estimateMaximumCallCost(
      calculator,
      { messages, max_tokens: 10 },
      { provider: 'local', model: 'house-model' },
    );
    expect(usage).toMatchObject({ pricing_missing: true });
    expect(usage.cost).toBeUndefined();
  });
});
