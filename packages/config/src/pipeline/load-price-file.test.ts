import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPriceFile } from './load-price-file';

const directory = mkdtempSync(join(tmpdir(), 'llm-config-prices-'));

describe('loadPriceFile', () => {
  it('reads pricing tables keyed by provider/model or model', () => {
    const file = join(directory, 'prices.toml');
    writeFileSync(
      file,
      '["openai/gpt-4o"]\ninput_price = 2.5\noutput_price = 10\n\n[gpt-4o-mini]\ninput_price = 0.15\noutput_price = 0.6\n',
    );
    expect(loadPriceFile(file)).toEqual({
      prices: {
        'openai/gpt-4o': {
          currency: 'USD',
          unit: 'million_tokens',
          input_price: 2.5,
          output_price: 10,
        },
        'gpt-4o-mini': {
          currency: 'USD',
          unit: 'million_tokens',
          input_price: 0.15,
          output_price: 0.6,
        },
      },
      issues: [],
    });
  });

  it('reads JSON price files', () => {
    const file = join(directory, 'prices.json');
    writeFileSync(
      file,
      JSON.stringify({ 'claude-3-5-sonnet': { input_price: 3, output_price: 15 } }),
    );
    expect(loadPriceFile(file).prices?.['claude-3-5-sonnet']?.output_price).toBe(15);
  });

  it('reports invalid prices with the price file, line and column', () => {
    const file = join(directory, 'bad-prices.toml');
    writeFileSync(
      file,
      '["openai/gpt-4o"]\nunit = "per_token"\ninput_price = -1\noutput_price = 10\n',
    );
    expect(loadPriceFile(file).issues).toEqual([
      {
        path: '"openai/gpt-4o".unit',
        message: '"per_token" is not allowed: must be one of "tokens", "million_tokens"',
        file,
        line: 2,
        column: 1,
      },
      {
        path: '"openai/gpt-4o".input_price',
        message: 'must not be negative',
        file,
        line: 3,
        column: 1,
      },
    ]);
  });
});

describe('loadPriceFile with a missing file', () => {
  it('says the file is missing instead of reporting an issue itself', () => {
    expect(loadPriceFile(join(directory, 'absent.toml'))).toEqual({ missing: true, issues: [] });
  });
});
