import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePriceTable, readPriceFile } from './price-table';
import { temporaryDirectory } from '../test-support/temporary-directory';

describe('parsePriceTable', () => {
  const table = parsePriceTable({
    currency: 'CNY',
    unit: 'million_tokens',
    models: {
      'deepseek-chat': { input_price: 2, output_price: 3 },
      'work/deepseek-chat': { input_price: 1, output_price: 1.5 },
      'gpt-4o': { currency: 'USD', input_price: 2.5, output_price: 10 },
    },
  });

  it('applies the top-level currency and unit to entries that set none', () => {
    expect(table.lookup({ provider: 'any', model: 'deepseek-chat' })).toMatchObject({
      currency: 'CNY',
      unit: 'million_tokens',
      input_price: 2,
    });
    expect(table.lookup({ provider: 'any', model: 'gpt-4o' })).toMatchObject({ currency: 'USD' });
  });

  it('prefers an entry keyed by the provider name, then by the provider type, then the bare model', () => {
    expect(table.lookup({ provider: 'work', model: 'deepseek-chat' })?.input_price).toBe(1);
    expect(
      table.lookup({ provider: 'mine', providerType: 'work', model: 'deepseek-chat' })?.input_price,
    ).toBe(1);
    expect(table.lookup({ provider: 'home', model: 'deepseek-chat' })?.input_price).toBe(2);
    expect(table.lookup({ provider: 'home', model: 'unknown' })).toBeUndefined();
  });

  it('reads the flat @llm/config price-file shape keyed by model or provider/model', () => {
    const flat = parsePriceTable({ 'openai/gpt-4o': { input_price: 2, output_price: 8 } });
    expect(flat.lookup({ provider: 'openai', model: 'gpt-4o' })).toMatchObject({
      input_price: 2,
      currency: 'USD',
      unit: 'million_tokens',
    });
  });

  it('names the entry and field of an invalid price', () => {
    expect(() =>
      parsePriceTable(
        { models: { 'gpt-4o': { input_price: -1, output_price: 1 } } },
        'prices.json',
      ),
    ).toThrow(/prices\.json: models\.gpt-4o\.input_price/);
    expect(() => parsePriceTable({ 'gpt-4o': { output_price: 1 } }, 'prices.toml')).toThrow(
      /prices\.toml: gpt-4o\.input_price/,
    );
    expect(() => parsePriceTable([], 'prices.json')).toThrow(/table of model prices/);
  });
});

describe('readPriceFile', () => {
  it('reads a JSON price file', () => {
    const path = join(temporaryDirectory('prices-'), 'prices.json');
    writeFileSync(path, JSON.stringify({ models: { m: { input_price: 1, output_price: 2 } } }));
    expect(readPriceFile(path).lookup({ provider: 'p', model: 'm' })).toMatchObject({
      input_price: 1,
      unit: 'million_tokens',
      currency: 'USD',
    });
  });

  it('reads other formats through the parse option', () => {
    const path = join(temporaryDirectory('prices-'), 'prices.lines');
    writeFileSync(path, 'm 4 5');
    const parse = (text: string) => {
      const [model, input, output] = text.split(' ');
      return { models: { [model!]: { input_price: Number(input), output_price: Number(output) } } };
    };
    expect(readPriceFile(path, { parse }).lookup({ provider: 'p', model: 'm' })?.output_price).toBe(
      5,
    );
  });

  it('reports a file that does not parse with its path', () => {
    const path = join(temporaryDirectory('prices-'), 'prices.json');
    writeFileSync(path, '{ not json');
    expect(() => readPriceFile(path)).toThrow(path);
  });
});
