import { LLMProviderConfigSchema, silentLogger, type LLMProviderConfigInput } from '@llm/core';
import { describe, expect, it } from 'vitest';
import {
  anthropicBaseURL,
  anthropicClientOptions,
  resolveClaudeApiKey,
} from './anthropic-client-options';

const config = (fields: Partial<LLMProviderConfigInput> = {}) =>
  LLMProviderConfigSchema.parse({
    name: 'claude',
    type: 'claude',
    api_key: 'sk-ant-test',
    ...fields,
  });

describe('anthropicClientOptions', () => {
  it('turns SDK retries off', () => {
    expect(anthropicClientOptions(config(), silentLogger).maxRetries).toBe(0);
  });

  it('passes the configured timeout', () => {
    expect(anthropicClientOptions(config({ timeout: 1234 }), silentLogger).timeout).toBe(1234);
  });

  it('sends the key as x-api-key and removes the SDK Bearer header by default', () => {
    expect(anthropicClientOptions(config(), silentLogger).defaultHeaders).toEqual({
      'x-api-key': 'sk-ant-test',
      Authorization: null,
    });
  });

  it('leaves the SDK Bearer header alone with auth_style bearer', () => {
    const options = anthropicClientOptions(config({ auth_style: 'bearer' }), silentLogger);
    expect(options.apiKey).toBe('sk-ant-test');
    expect(options.defaultHeaders).toEqual({});
  });

  it('sends no credential with auth_style none', () => {
    expect(
      anthropicClientOptions(config({ auth_style: 'none', api_key: undefined }), silentLogger)
        .defaultHeaders,
    ).toEqual({ Authorization: null });
  });

  it('adds the configured headers after the auth header, so they can replace it', () => {
    const headers = anthropicClientOptions(
      config({ headers: { 'anthropic-beta': 'x', 'x-api-key': 'other' } }),
      silentLogger,
    ).defaultHeaders;
    expect(headers).toEqual({ 'x-api-key': 'other', Authorization: null, 'anthropic-beta': 'x' });
  });

  it('passes base_url without a trailing /v1', () => {
    expect(
      anthropicClientOptions(config({ base_url: 'http://127.0.0.1:9/v1/' }), silentLogger).baseURL,
    ).toBe('http://127.0.0.1:9');
  });
});

describe('anthropicBaseURL', () => {
  it('keeps a root URL as given', () => {
    expect(anthropicBaseURL('https://api.anthropic.com')).toBe('https://api.anthropic.com');
  });

  it('is undefined without a base_url', () => {
    expect(anthropicBaseURL(undefined)).toBeUndefined();
  });
});

describe('resolveClaudeApiKey', () => {
  it('prefers api_key from config', () => {
    expect(resolveClaudeApiKey(config(), { ANTHROPIC_API_KEY: 'from-env' })).toBe('sk-ant-test');
  });

  it('falls back to ANTHROPIC_API_KEY', () => {
    expect(
      resolveClaudeApiKey(config({ api_key: undefined }), { ANTHROPIC_API_KEY: 'from-env' }),
    ).toBe('from-env');
  });

  it('is undefined when neither is set', () => {
    expect(resolveClaudeApiKey(config({ api_key: undefined }), {})).toBeUndefined();
  });
});
