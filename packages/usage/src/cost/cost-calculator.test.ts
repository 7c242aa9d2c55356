import { describe, expect, it } from 'vitest';
import type { Logger, ModelPricing, TokenUsage } from '@llm/core';
import { createCostCalculator } from './cost-calculator';

const usage: TokenUsage = { prompt_tokens: 1_000, completion_tokens: 500, total_tokens: 1_500 };
const configPricing: ModelPricing = {
  currency: 'USD',
  unit: 'million_tokens',
  input_price: 30,
  output_price: 60,
};

function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return {
    warnings,
    debug() {},
    info() {},
    error() {},
    warn: (message) => void warnings.push(message),
  };
}

describe('createCostCalculator', () => {
  it('prices from the model config before the catalog', () => {
    const calculator = createCostCalculator();
    const priced = calculator.priceUsage(usage, {
      provider: 'openai',
      model: 'gpt-4o',
      pricing: configPricing,
    });
    expect(priced).toMatchObject({
      cost: 0.06,
      currency: 'USD',
      cost_breakdown: { input: 0.03, output: 0.03, total_decimal: '0.06', price_source: 'config' },
    });
  });

  it('labels prices the caller passed with the source it names', () => {
    const priced = createCostCalculator().priceUsage(usage, {
      provider: 'openai',
      model: 'gpt-4o',
      pricing: configPricing,
      pricingSource: 'price_file',
    });
    expect(priced.cost_breakdown?.price_source).toBe('price_file');
  });

  it('prices from the catalog and says which catalog entry matched', () => {
    const resolved = createCostCalculator().resolvePricing({
      provider: 'azure-east',
      providerType: 'azure',
      model: 'gpt-4o',
    });
    expect(resolved).toMatchObject({
      source: 'catalog',
      catalogEntry: { id: 'azure/gpt-4o', matchedBy: 'provider_prefixed' },
    });
  });

  it('marks usage of an unknown model pricing_missing with no cost, never 0', () => {
    const calculator = createCostCalculator();
    const priced = calculator.priceUsage(
      { ...usage, cost: 0, currency: 'USD' },
      { provider: 'local', model: 'my-private-model' },
    );
    expect(priced.pricing_missing).toBe(true);
    expect(priced.cost).toBeUndefined();
    expect(priced.currency).toBeUndefined();
    expect(priced.prompt_tokens).toBe(1_000);
  });

  it('warns once per unknown model and counts every unpriced call', () => {
    const logger = recordingLogger();
    const calculator = createCostCalculator({ logger });
    for (let i = 0; i < 3; i++)
      calculator.priceUsage(usage, { provider: 'local', model: 'mystery' });
    calculator.priceUsage(usage, { provider: 'local', model: 'enigma' });
    expect(logger.warnings).toHaveLength(2);
    expect(logger.warnings[0]).toMatch(
      /No price known for model "mystery" of provider "local".*not as 0/,
    );
    expect(calculator.getPricingMissing()).toEqual({
      count: 4,
      models: ['local/mystery', 'local/enigma'],
    });
  });

  it('does not consult the catalog when it is turned off', () => {
    const calculator = createCostCalculator({ catalog: false });
    expect(calculator.resolvePricing({ provider: 'openai', model: 'gpt-4o' })).toBeUndefined();
  });

  it('keeps the price currency on the usage it prices', () => {
    const pricing: ModelPricing = {
      currency: 'CNY',
      unit: 'million_tokens',
      input_price: 2,
      output_price: 8,
    };
    expect(
      createCostCalculator().priceUsage(usage, {
        provider: 'deepseek',
        model: 'deepseek-chat',
        pricing,
      }),
    ).toMatchObject({ cost: 0.006, currency: 'CNY' });
  });
});
