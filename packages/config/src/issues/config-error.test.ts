import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error';

describe('ConfigError', () => {
  const issue = {
    file: 'llm.toml',
    line: 2,
    column: 1,
    path: 'llm.providers.openai.timeout',
    message: 'must be greater than 0',
  };

  it('has the stable name ConfigError and lists every issue in its message', () => {
    const error = new ConfigError([
      issue,
      { path: 'llm.default_provider', message: 'is not a configured provider' },
    ]);
    expect(error.name).toBe('ConfigError');
    expect(error.message).toBe(
      'Invalid LLM configuration (2 problems):\nllm.toml:2:1  llm.providers.openai.timeout  must be greater than 0\nllm.default_provider  is not a configured provider',
    );
    expect(error.issues).toHaveLength(2);
  });

  it('is recognised by ConfigError.is, also for an error carrying the marker from another install', () => {
    expect(ConfigError.is(new ConfigError([issue]))).toBe(true);
    const foreign = Object.defineProperty(new Error('x'), Symbol.for('@llm/config-error'), {
      value: true,
    });
    expect(ConfigError.is(foreign)).toBe(true);
    expect(ConfigError.is(new Error('x'))).toBe(false);
    expect(ConfigError.is(undefined)).toBe(false);
  });
});
