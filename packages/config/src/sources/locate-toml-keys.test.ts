import { describe, expect, it } from 'vitest';
import { locateTomlKeys } from './locate-toml-keys';

const sample = `[llm]
default_provider = "openai"   # a comment

[llm.providers.openai]
type = "openai"
headers = { "X-Title" = "demo", Authorization = "Bearer x" }

[llm.providers.openai.models."gpt-4.1"]
max_tokens = 8192
  pricing.input_price = 2.0

[[llm.budgets]]
period = "day"

[[llm.budgets]]
period = "month"
description = """
not_a_key = 1
"""
limit = 5
`;

describe('locateTomlKeys', () => {
  const { positions } = locateTomlKeys(sample);

  it('locates keys below table headers', () => {
    expect(positions.get('llm.default_provider')).toEqual({ line: 2, column: 1 });
    expect(positions.get('llm.providers.openai.type')).toEqual({ line: 5, column: 1 });
  });

  it('locates table headers, including quoted keys with dots', () => {
    expect(positions.get('llm.providers.openai')).toEqual({ line: 4, column: 1 });
    expect(positions.get('llm.providers.openai.models."gpt-4.1"')).toEqual({ line: 8, column: 1 });
    expect(positions.get('llm.providers.openai.models."gpt-4.1".max_tokens')).toEqual({
      line: 9,
      column: 1,
    });
  });

  it('locates dotted keys and their implicit tables', () => {
    expect(positions.get('llm.providers.openai.models."gpt-4.1".pricing')).toEqual({
      line: 10,
      column: 3,
    });
    expect(positions.get('llm.providers.openai.models."gpt-4.1".pricing.input_price')).toEqual({
      line: 10,
      column: 3,
    });
  });

  it('locates keys inside inline tables', () => {
    expect(positions.get('llm.providers.openai.headers.Authorization')).toEqual({
      line: 6,
      column: 33,
    });
  });

  it('numbers the elements of an array of tables', () => {
    expect(positions.get('llm.budgets[0].period')).toEqual({ line: 13, column: 1 });
    expect(positions.get('llm.budgets[1].period')).toEqual({ line: 16, column: 1 });
    expect(positions.get('llm.budgets[1].limit')).toEqual({ line: 20, column: 1 });
  });

  it('does not mistake the contents of a multi-line string for keys', () => {
    expect([...positions.keys()].some((key) => key.includes('not_a_key'))).toBe(false);
  });

  it('reports a table defined twice through quoted and bare keys', () => {
    const { duplicates } = locateTomlKeys('[m.gpt-4]\na = 1\n\n[m."gpt-4"]\nb = 2\n');
    expect(duplicates).toEqual([
      { path: ['m', 'gpt-4'], position: { line: 4, column: 1 }, first: { line: 1, column: 1 } },
    ]);
  });

  it('keeps the positions found before a syntax error', () => {
    const { positions: partial } = locateTomlKeys('[llm]\nusage_data_dir = "x"\nbroken = [1, 2\n');
    expect(partial.get('llm.usage_data_dir')).toEqual({ line: 2, column: 1 });
  });
});
