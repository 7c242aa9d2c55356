import { describe, expect, it } from 'vitest';
import { isPriceCatalogLoaded, loadPriceCatalog } from './price-catalog';

describe('loadPriceCatalog', () => {
  it('parses nothing until the catalog is first asked for, then returns the same catalog', () => {
    expect(isPriceCatalogLoaded()).toBe(false);
    const catalog = loadPriceCatalog();
    expect(isPriceCatalogLoaded()).toBe(true);
    expect(loadPriceCatalog()).toBe(catalog);
    expect(catalog.size).toBeGreaterThan(2000);
  });

  it('keeps input, output, cache and reasoning prices per token in USD', () => {
    const entry = loadPriceCatalog().lookup('claude-sonnet-4-5')!;
    expect(entry.pricing).toMatchObject({
      currency: 'USD',
      unit: 'tokens',
      input_price: 0.000003,
      output_price: 0.000015,
      cached_input_price: 3e-7,
      cache_write_price: 0.00000375,
      cache_write_1h_price: 0.000006,
    });
    expect(entry.pricing.tiers).toEqual([
      {
        above_tokens: 200_000,
        input_price: 0.000006,
        output_price: 0.0000225,
        cached_input_price: 6e-7,
        cache_write_price: 0.0000075,
      },
    ]);
  });

  it('keeps context windows and capability flags', () => {
    const entry = loadPriceCatalog().lookup('gpt-4o')!;
    expect(entry.maxInputTokens).toBe(128_000);
    expect(entry.capabilities).toEqual(
      expect.arrayContaining(['vision', 'function_calling', 'prompt_caching']),
    );
  });

  it('turns tiered_pricing ranges into tiers above each range start', () => {
    const entry = loadPriceCatalog().lookup('dashscope/qwen-plus-latest')!;
    expect(entry.pricing).toMatchObject({
      input_price: 4e-7,
      output_price: 0.0000012,
      reasoning_price: 0.000004,
    });
    expect(entry.pricing.tiers).toEqual([
      {
        above_tokens: 256_000,
        input_price: 0.0000012,
        output_price: 0.0000036,
        reasoning_price: 0.000012,
      },
    ]);
  });

  it('holds only chat, completion, embedding and responses models', () => {
    const catalog = loadPriceCatalog();
    const modes = new Set([...catalog.ids()].map((id) => catalog.lookup(id)!.mode));
    expect([...modes].sort()).toEqual(['chat', 'completion', 'embedding', 'responses']);
  });
});
