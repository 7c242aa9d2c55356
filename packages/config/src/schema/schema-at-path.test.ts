import { describe, expect, it } from 'vitest';
import { LLMConfigFileSchema } from './config-schema';
import { objectKeys, schemaAtPath, schemaKind } from './schema-at-path';

describe('schemaAtPath', () => {
  it('follows objects, records and arrays down to a leaf', () => {
    expect(
      schemaKind(schemaAtPath(LLMConfigFileSchema, ['llm', 'providers', 'openai', 'timeout'])!),
    ).toBe('number');
    expect(
      schemaKind(
        schemaAtPath(LLMConfigFileSchema, [
          'llm',
          'providers',
          'openai',
          'models',
          'gpt-4',
          'pricing',
          'unit',
        ])!,
      ),
    ).toBe('enum');
    expect(schemaKind(schemaAtPath(LLMConfigFileSchema, ['llm', 'budgets', 0, 'limit'])!)).toBe(
      'number',
    );
    expect(
      schemaKind(schemaAtPath(LLMConfigFileSchema, ['llm', 'retry', 'retryable_errors'])!),
    ).toBe('array');
  });

  it('returns undefined for a key no schema defines', () => {
    expect(
      schemaAtPath(LLMConfigFileSchema, ['llm', 'providers', 'openai', 'timout']),
    ).toBeUndefined();
    expect(
      schemaAtPath(LLMConfigFileSchema, ['llm', 'default_provider', 'deeper']),
    ).toBeUndefined();
  });
});

describe('objectKeys', () => {
  it('lists the keys a provider table allows', () => {
    const keys = objectKeys(schemaAtPath(LLMConfigFileSchema, ['llm', 'providers', 'openai'])!);
    expect(keys).toContain('api_key');
    expect(keys).toContain('models');
    expect(keys).not.toContain('name');
  });
});
