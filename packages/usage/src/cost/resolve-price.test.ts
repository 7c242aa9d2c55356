import { describe, expect, it } from 'vitest';
import type { LLMModelConfig, ModelPricing } from '@llm/core';
import { loadPriceCatalog, type PriceCatalog } from '../catalog/price-catalog';
import { pricingTargetFor, resolvePrice } from './resolve-price';

const catalog = loadPriceCatalog();

const price = (input_price: number, output_price = input_price * 4): ModelPricing => ({
  currency: 'USD',
  unit: 'million_tokens',
  input_price,
  output_price,
});

const model = (name: string, extra: Partial<LLMModelConfig> = {}): LLMModelConfig =>
  ({ name, ...extra }) as LLMModelConfig;

describe('resolvePrice: configured prices', () => {
  it('applies price-file prices by provider/model, then by model, over the model pricing', () => {
    const models = [model('gpt-4', { pricing: price(30, 60) }), model('gpt-4o')];
    const priceFile = { 'openai/gpt-4': price(10, 20), 'gpt-4o': price(2.5, 10) };
    const target = (name: string) => ({
      provider: 'openai',
      providerType: 'openai',
      model: name,
      models,
      prices: { priceFile },
    });
    expect(resolvePrice(target('gpt-4'), catalog)?.pricing.input_price).toBe(10);
    expect(resolvePrice(target('gpt-4o'), catalog)?.pricing.input_price).toBe(2.5);
  });

  it('labels an inline [llm.prices] entry config even when a price file is configured', () => {
    const resolved = resolvePrice(
      {
        provider: 'openai',
        model: 'gpt-4o',
        prices: { priceFile: { 'gpt-4.1': price(2) }, inline: { 'gpt-4o': price(2.5) } },
      },
      catalog,
    );
    expect(resolved).toMatchObject({ source: 'config', pricing: { input_price: 2.5 } });
  });

  it('labels a price-file entry price_file', () => {
    const resolved = resolvePrice(
      { provider: 'openai', model: 'gpt-4o', prices: { priceFile: { 'openai/gpt-4o': price(3) } } },
      catalog,
    );
    expect(resolved).toMatchObject({ source: 'price_file', pricing: { input_price: 3 } });
  });

  it('lets the price file win over [llm.prices] for the same key, and provider/model over model', () => {
    const prices = {
      priceFile: { 'gpt-4o': price(3) },
      inline: { 'gpt-4o': price(2.5), 'openai/gpt-4o': price(2) },
    };
    expect(resolvePrice({ provider: 'openai', model: 'gpt-4o', prices }, catalog)).toMatchObject({
      source: 'config',
      pricing: { input_price: 2 },
    });
    expect(resolvePrice({ provider: 'other', model: 'gpt-4o', prices }, catalog)).toMatchObject({
      source: 'price_file',
      pricing: { input_price: 3 },
    });
  });

  it('prices from the model pricing table before the catalog', () => {
    const resolved = resolvePrice(
      { provider: 'openai', model: 'gpt-4o', models: [model('gpt-4o', { pricing: price(9) })] },
      catalog,
    );
    expect(resolved).toMatchObject({ source: 'config', pricing: { input_price: 9 } });
  });

  it('finds a price entry keyed by the configured name when the request uses the model_id', () => {
    const resolved = resolvePrice(
      {
        provider: 'claude',
        model: 'claude-sonnet-4-20250514',
        models: [model('sonnet', { model_id: 'claude-sonnet-4-20250514' })],
        prices: { inline: { 'claude/sonnet': price(1) } },
      },
      catalog,
    );
    expect(resolved).toMatchObject({ source: 'config', pricing: { input_price: 1 } });
  });

  it('does not parse the catalog when the configuration prices the model', () => {
    let asked = 0;
    const lazy = (): PriceCatalog => {
      asked += 1;
      return catalog;
    };
    resolvePrice({ provider: 'openai', model: 'x', prices: { inline: { x: price(1) } } }, lazy);
    expect(asked).toBe(0);
    expect(resolvePrice({ provider: 'openai', model: 'gpt-4o' }, lazy)?.source).toBe('catalog');
    expect(asked).toBe(1);
  });
});

describe('resolvePrice: the catalog', () => {
  it.each([
    ['qwen', 'qwen', 'qwen-max', 'dashscope/qwen-max'],
    ['groq', 'groq', 'llama-3.3-70b-versatile', 'groq/llama-3.3-70b-versatile'],
    ['moonshot', 'moonshot', 'moonshot-v1-8k', 'moonshot/moonshot-v1-8k'],
    ['my-qwen', 'qwen', 'qwen-max', 'dashscope/qwen-max'],
  ])(
    'prices a generic provider named %s with preset %s calling %s from the catalog entry %s',
    (name, preset, modelId, entry) => {
      const resolved = resolvePrice(
        pricingTargetFor({ name, type: 'generic', preset, models: [] }, modelId),
        catalog,
      );
      expect(resolved).toMatchObject({ source: 'catalog', catalogEntry: { id: entry } });
    },
  );

  it('prices a model configured under an alias through its model_id', () => {
    const target = pricingTargetFor(
      {
        name: 'claude',
        type: 'claude',
        models: [model('sonnet', { model_id: 'claude-sonnet-4-20250514' })],
      },
      'sonnet',
    );
    expect(resolvePrice(target, catalog)).toMatchObject({
      source: 'catalog',
      catalogEntry: { id: 'claude-sonnet-4-20250514' },
    });
  });

  it('tries the provider type before a provider name the catalog does not know', () => {
    const target = pricingTargetFor(
      {
        name: 'azure-east',
        type: 'azure',
        models: [model('gpt-4o-az', { model_id: 'gpt-4o', deployment: 'prod-gpt4o' })],
      },
      'gpt-4o-az',
    );
    expect(resolvePrice(target, catalog)?.catalogEntry?.id).toBe('azure/gpt-4o');
  });

  it('is undefined when nothing prices the model', () => {
    expect(resolvePrice({ provider: 'local', model: 'my-private-model' }, catalog)).toBeUndefined();
    expect(resolvePrice({ provider: 'openai', model: 'gpt-4o' }, undefined)).toBeUndefined();
  });
});

describe('pricingTargetFor', () => {
  it('keeps inline and price-file prices apart', () => {
    const target = pricingTargetFor({ name: 'openai', type: 'openai', models: [] }, 'gpt-4o', {
      prices: { a: price(1) },
      price_file_prices: { b: price(2) },
    });
    expect(target.prices?.inline).toHaveProperty('a');
    expect(target.prices?.priceFile).toHaveProperty('b');
  });
});
