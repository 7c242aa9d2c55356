import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TokenUsage } from '@llm/core';
import { createCostCalculator } from './cost-calculator';

// Costs of real catalog models equal catalog price × tokens, computed here
// independently from LiteLLM's JSON file with plain bigint arithmetic.
const SOURCE = new URL('../../data/model-prices.litellm.json', import.meta.url);
const prices = JSON.parse(readFileSync(SOURCE, 'utf8')) as Record<string, Record<string, unknown>>;

const SCALE = 30;
/** A JSON number (shortest round-trip text) as an integer count of 10^-30. */
function scaled(value: number | string): bigint {
  const match = /^(-?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i.exec(String(value))!;
  const fraction = match[3] ?? '';
  const exponent = SCALE - fraction.length + Number(match[4] ?? 0);
  const digits = BigInt(`${match[2] ?? ''}${fraction}` || '0');
  return exponent >= 0 ? digits * 10n ** BigInt(exponent) : digits / 10n ** BigInt(-exponent);
}

function field(model: Record<string, unknown>, name: string): number | undefined {
  return typeof model[name] === 'number' ? (model[name] as number) : undefined;
}

/** The long-context suffix (`_above_200k_tokens`) or tiered_pricing range that applies to this prompt. */
function tierPrices(
  model: Record<string, unknown>,
  promptTokens: number,
): Record<string, number | undefined> {
  const thresholds = Object.keys(model)
    .map((name) => /^input_cost_per_token_above_(\d+)k_tokens$/.exec(name)?.[1])
    .filter((value): value is string => value !== undefined)
    .filter((thousands) => promptTokens > Number(thousands) * 1000)
    .sort((a, b) => Number(b) - Number(a));
  if (thresholds[0]) {
    const suffix = `_above_${thresholds[0]}k_tokens`;
    return {
      input: field(model, `input_cost_per_token${suffix}`),
      output: field(model, `output_cost_per_token${suffix}`),
      cacheRead: field(model, `cache_read_input_token_cost${suffix}`),
      cacheWrite: field(model, `cache_creation_input_token_cost${suffix}`),
      reasoning: field(model, `output_cost_per_reasoning_token${suffix}`),
    };
  }
  const ranges =
    (model.tiered_pricing as
      Array<Record<string, unknown> & { range: [number, number] }> | undefined) ?? [];
  const range = ranges
    .filter((tier) => promptTokens > tier.range[0])
    .sort((a, b) => b.range[0] - a.range[0])[0];
  if (range && range.range[0] > 0) {
    return {
      input: field(range, 'input_cost_per_token'),
      output: field(range, 'output_cost_per_token'),
      cacheRead: field(range, 'cache_read_input_token_cost'),
      reasoning: field(range, 'output_cost_per_reasoning_token'),
    };
  }
  return {};
}

function expectedCost(id: string, usage: TokenUsage, operation: 'chat' | 'embedding'): bigint {
  const model = prices[id]!;
  const firstRange = (model.tiered_pricing as Array<Record<string, unknown>> | undefined)?.[0];
  const tier = tierPrices(model, usage.prompt_tokens);
  const input =
    tier.input ??
    field(model, 'input_cost_per_token') ??
    field(firstRange ?? {}, 'input_cost_per_token')!;
  const output =
    tier.output ??
    field(model, 'output_cost_per_token') ??
    field(firstRange ?? {}, 'output_cost_per_token') ??
    0;
  if (operation === 'embedding') return BigInt(usage.prompt_tokens) * scaled(input);
  const cacheRead = tier.cacheRead ?? field(model, 'cache_read_input_token_cost') ?? input;
  const cacheWrite = tier.cacheWrite ?? field(model, 'cache_creation_input_token_cost') ?? input;
  const reasoning =
    tier.reasoning ??
    field(model, 'output_cost_per_reasoning_token') ??
    field(firstRange ?? {}, 'output_cost_per_reasoning_token') ??
    output;
  const cached = usage.cached_tokens ?? 0;
  const written = usage.cache_write_tokens ?? 0;
  const thinking = usage.reasoning_tokens ?? 0;
  return (
    BigInt(usage.prompt_tokens - cached - written) * scaled(input) +
    BigInt(cached) * scaled(cacheRead) +
    BigInt(written) * scaled(cacheWrite) +
    BigInt(usage.completion_tokens - thinking) * scaled(output) +
    BigInt(thinking) * scaled(reasoning)
  );
}

const CHAT_MODELS: Array<[provider: string, id: string]> = [
  ['openai', 'gpt-4o'],
  ['openai', 'gpt-4o-mini'],
  ['openai', 'gpt-4.1'],
  ['openai', 'o3'],
  ['openai', 'o4-mini'],
  ['openai', 'gpt-5'],
  ['openai', 'gpt-5-mini'],
  ['openai', 'gpt-5.4'],
  ['azure', 'azure/gpt-4o'],
  ['anthropic', 'claude-sonnet-4-20250514'],
  ['anthropic', 'claude-sonnet-4-5'],
  ['anthropic', 'claude-opus-4-1'],
  ['anthropic', 'claude-haiku-4-5'],
  ['gemini', 'gemini/gemini-2.5-pro'],
  ['vertex_ai', 'gemini-2.5-pro'],
  ['gemini', 'gemini/gemini-2.5-flash'],
  ['gemini', 'gemini/gemini-2.0-flash'],
  // A provider without a catalog prefix resolves the bare ids (`deepseek` would prefer `deepseek/…`).
  ['generic', 'deepseek-chat'],
  ['generic', 'deepseek-reasoner'],
  ['deepseek', 'deepseek/deepseek-chat'],
  ['qwen', 'dashscope/qwen-plus-latest'],
  ['mistral', 'mistral/mistral-large-latest'],
];
const EMBEDDING_MODELS = ['text-embedding-3-small', 'text-embedding-3-large'];

const ORDINARY: TokenUsage = {
  prompt_tokens: 12_000,
  completion_tokens: 2_500,
  total_tokens: 14_500,
  cached_tokens: 4_000,
  cache_write_tokens: 1_500,
  reasoning_tokens: 800,
};
const LONG_PROMPT: TokenUsage = {
  prompt_tokens: 300_000,
  completion_tokens: 4_000,
  total_tokens: 304_000,
  cached_tokens: 120_000,
  cache_write_tokens: 30_000,
  reasoning_tokens: 1_500,
};

const calculator = createCostCalculator();
const priced = (
  usage: TokenUsage,
  provider: string,
  model: string,
  operation: 'chat' | 'embedding' = 'chat',
) => calculator.priceUsage(usage, { provider, model, operation });

describe('costs of catalog models', () => {
  it('covers at least 20 chat models of OpenAI, Anthropic, Gemini and DeepSeek', () => {
    expect(CHAT_MODELS.length).toBeGreaterThanOrEqual(20);
    for (const [, id] of CHAT_MODELS) expect(prices[id], id).toBeDefined();
  });

  it.each(CHAT_MODELS)(
    'prices %s %s with cached, cache-write and reasoning tokens at the catalog prices',
    (provider, id) => {
      expect(calculator.resolvePricing({ provider, model: id })?.catalogEntry?.id).toBe(id);
      const usage = priced(ORDINARY, provider, id);
      expect(usage.cost_breakdown?.price_source).toBe('catalog');
      expect(scaled(usage.cost_breakdown!.total_decimal!)).toBe(expectedCost(id, ORDINARY, 'chat'));
    },
  );

  it.each(CHAT_MODELS)(
    'prices %s %s with a 300k-token prompt at its long-context tier when it has one',
    (provider, id) => {
      const usage = priced(LONG_PROMPT, provider, id);
      expect(scaled(usage.cost_breakdown!.total_decimal!)).toBe(
        expectedCost(id, LONG_PROMPT, 'chat'),
      );
    },
  );

  it.each(EMBEDDING_MODELS)('prices the embedding model %s at its input price', (id) => {
    const usage = priced(
      { prompt_tokens: 250_000, completion_tokens: 0, total_tokens: 250_000 },
      'openai',
      id,
      'embedding',
    );
    expect(scaled(usage.cost_breakdown!.total_decimal!)).toBe(
      expectedCost(
        id,
        { prompt_tokens: 250_000, completion_tokens: 0, total_tokens: 250_000 },
        'embedding',
      ),
    );
  });

  it('switches every price of Claude Sonnet 4 to the long-context tier above 200k prompt tokens', () => {
    const below = priced(
      { prompt_tokens: 200_000, completion_tokens: 1_000, total_tokens: 201_000 },
      'anthropic',
      'claude-sonnet-4-20250514',
    );
    const above = priced(
      { prompt_tokens: 200_001, completion_tokens: 1_000, total_tokens: 201_001 },
      'anthropic',
      'claude-sonnet-4-20250514',
    );
    expect(below.cost_breakdown!.total_decimal).toBe('0.615'); // 200000 × 3e-6 + 1000 × 15e-6
    expect(above.cost_breakdown!.total_decimal).toBe('1.222506'); // 200001 × 6e-6 + 1000 × 22.5e-6
  });

  it('bills Gemini 2.5 Flash reasoning tokens at its reasoning price, once, inside completion_tokens', () => {
    const usage = priced(
      {
        prompt_tokens: 1_000,
        completion_tokens: 3_000,
        total_tokens: 4_000,
        reasoning_tokens: 2_000,
      },
      'gemini',
      'gemini-2.5-flash',
    );
    expect(usage.cost_breakdown).toMatchObject({ output: 0.0025, reasoning: 0.005, input: 0.0003 });
    expect(usage.cost_breakdown!.total_decimal).toBe('0.0078');
  });
});
