import { describe, expect, it } from 'vitest';
import { LLMConfigFileSchema } from '../schema/config-schema';
import { toRuntimeConfig } from './to-runtime-config';

const fileShape = LLMConfigFileSchema.parse({
  llm: {
    price_file: 'prices.toml',
    providers: {
      openai: {
        type: 'openai',
        models: {
          'gpt-4': { max_tokens: 8192, pricing: { input_price: 30, output_price: 60 } },
          'gpt-4o': {},
        },
      },
    },
  },
}).llm;

describe('toRuntimeConfig', () => {
  it('turns provider and model tables into arrays with names', () => {
    const config = toRuntimeConfig(fileShape, { baseDirectory: '/etc/app' });
    expect(config.providers.map((provider) => provider.name)).toEqual(['openai']);
    expect(config.providers[0]?.models.map((model) => model.name)).toEqual(['gpt-4', 'gpt-4o']);
    expect(config.providers[0]).toMatchObject({ enabled: true, timeout: 30000 });
  });

  it('resolves relative paths against the base directory', () => {
    const config = toRuntimeConfig(fileShape, { baseDirectory: '/etc/app' });
    expect(config.usage_data_dir).toBe('/etc/app/data/llm-usage');
    expect(config.price_file).toBe('/etc/app/prices.toml');
  });

  it('keeps price-file prices apart from [llm.prices] and from the model pricing', () => {
    const filePrices = {
      'openai/gpt-4': {
        currency: 'USD',
        unit: 'million_tokens' as const,
        input_price: 10,
        output_price: 20,
      },
    };
    const inline = LLMConfigFileSchema.parse({
      llm: { ...fileShape, prices: { 'gpt-4o': { input_price: 2.5, output_price: 10 } } },
    }).llm;
    const config = toRuntimeConfig(inline, { baseDirectory: '/', filePrices });
    expect(config.price_file_prices).toEqual(filePrices);
    expect(Object.keys(config.prices ?? {})).toEqual(['gpt-4o']);
    expect(config.providers[0]?.models[0]?.pricing?.input_price).toBe(30);
    expect(config.providers[0]?.models[1]?.pricing).toBeUndefined();
  });
});
