import { describe, expect, it } from 'vitest';
import { LLMConfigFileSchema } from '../schema/config-schema';
import { schemaAtPath } from '../schema/schema-at-path';
import { coerceEnvironmentValue } from './environment-overlay';

const at = (...path: (string | number)[]) => schemaAtPath(LLMConfigFileSchema, ['llm', ...path]);

describe('coerceEnvironmentValue', () => {
  it('converts numbers where the schema wants a number', () => {
    expect(coerceEnvironmentValue('60000', at('providers', 'openai', 'timeout'))).toBe(60000);
    expect(coerceEnvironmentValue('2.5', at('retry', 'backoff_factor'))).toBe(2.5);
  });

  it('keeps a numeric-looking string where the schema wants a string', () => {
    expect(coerceEnvironmentValue('12345', at('providers', 'openai', 'api_key'))).toBe('12345');
  });

  it('converts booleans in their common spellings', () => {
    expect(coerceEnvironmentValue('false', at('cost_tracking'))).toBe(false);
    expect(coerceEnvironmentValue('YES', at('providers', 'openai', 'enabled'))).toBe(true);
  });

  it('reads arrays as JSON or as comma-separated words', () => {
    expect(coerceEnvironmentValue('network, rate_limit', at('retry', 'retryable_errors'))).toEqual([
      'network',
      'rate_limit',
    ]);
    expect(coerceEnvironmentValue('[{"period":"day","limit":5}]', at('budgets'))).toEqual([
      { period: 'day', limit: 5 },
    ]);
  });

  it('reads tables as JSON', () => {
    expect(coerceEnvironmentValue('{"CNY": 7.1}', at('exchange_rates'))).toEqual({ CNY: 7.1 });
  });

  it('leaves a value that does not convert as a string for validation to report', () => {
    expect(coerceEnvironmentValue('30s', at('providers', 'openai', 'timeout'))).toBe('30s');
    expect(coerceEnvironmentValue('maybe', at('cost_tracking'))).toBe('maybe');
  });
});
