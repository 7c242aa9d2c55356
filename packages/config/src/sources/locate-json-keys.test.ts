import { describe, expect, it } from 'vitest';
import { SourceSyntaxError } from './text-cursor';
import { locateJsonKeys } from './locate-json-keys';

const sample = `{
  "llm": {
    "default_provider": "openai",
    "providers": {
      "openai": { "type": "openai", "timeout": 30000 }
    },
    "budgets": [{ "period": "day", "limit": 5 }]
  }
}`;

describe('locateJsonKeys', () => {
  it('maps nested keys and array elements to lines and columns', () => {
    const { positions } = locateJsonKeys(sample);
    expect(positions.get('llm.default_provider')).toEqual({ line: 3, column: 5 });
    expect(positions.get('llm.providers.openai.timeout')).toEqual({ line: 5, column: 37 });
    expect(positions.get('llm.budgets[0].limit')).toEqual({ line: 7, column: 36 });
  });

  it('notes a key defined twice in one object', () => {
    const { duplicates } = locateJsonKeys('{"models": {"gpt-4": {}, "gpt-4": {}}}');
    expect(duplicates).toEqual([
      {
        path: ['models', 'gpt-4'],
        position: { line: 1, column: 26 },
        first: { line: 1, column: 13 },
      },
    ]);
  });

  it.each([
    ['{"a": 1,}', 'expected a key in double quotes', 1, 9],
    ['{"a": 1\n "b": 2}', 'expected "," or "}"', 2, 2],
    ['{"a": tru}', 'expected a JSON value', 1, 7],
    ['{"a": "sk-unterminated\n}', 'unterminated string', 1, 23],
    ['{"a": 1} x', 'unexpected content after the JSON value', 1, 10],
    ['{"a\\x": 1}', 'invalid escape in a string', 1, 4],
    [
      '{"a": "tab\there"}',
      'control character in a string (write it as an escape, e.g. \\t)',
      1,
      11,
    ],
  ])('reports the syntax error in %j with its position', (text, message, line, column) => {
    let caught: unknown;
    try {
      locateJsonKeys(text);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SourceSyntaxError);
    expect(caught).toMatchObject({ message, position: { line, column } });
  });
});

describe('SourceSyntaxError.is', () => {
  it('recognises a scanner error, also one carrying the marker from another install', () => {
    expect(SourceSyntaxError.is(new SourceSyntaxError('x', { line: 1, column: 1 }))).toBe(true);
    const foreign = Object.defineProperty(
      new Error('x'),
      Symbol.for('@llm/config-source-syntax-error'),
      { value: true },
    );
    expect(SourceSyntaxError.is(foreign)).toBe(true);
    expect(SourceSyntaxError.is(new Error('x'))).toBe(false);
    expect(SourceSyntaxError.is(null)).toBe(false);
  });
});
