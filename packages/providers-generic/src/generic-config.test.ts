import type { LLMProviderConfig } from '@llm/core';
import { describe, expect, it } from 'vitest';
import { resolveGenericConfig } from './generic-config';

const config = (overrides: Partial<LLMProviderConfig> = {}): LLMProviderConfig => ({
  name: 'compatible',
  type: 'generic',
  models: [],
  enabled: true,
  timeout: 30_000,
  ...overrides,
});

describe('resolveGenericConfig', () => {
  it('fills base URL and auth style from the preset', () => {
    const resolved = resolveGenericConfig(config({ preset: 'moonshot' }));
    expect(resolved.config).toMatchObject({
      base_url: 'https://api.moonshot.cn/v1',
      auth_style: 'bearer',
    });
    expect(resolved.preset?.name).toBe('moonshot');
  });

  it('lets every config value win over the preset', () => {
    const resolved = resolveGenericConfig(
      config({
        preset: 'ollama',
        base_url: 'http://gpu-box:11434/v1',
        auth_style: 'x-api-key',
        options: { usage_may_be_missing: false, include_stream_usage: false },
      }),
    );
    expect(resolved.config).toMatchObject({
      base_url: 'http://gpu-box:11434/v1',
      auth_style: 'x-api-key',
    });
    expect(resolved.usageMayBeMissing).toBe(false);
    expect(resolved.includeStreamUsage).toBe(false);
  });

  it('takes the preset quirks when the config does not set them', () => {
    expect(resolveGenericConfig(config({ preset: 'ollama' }))).toMatchObject({
      usageMayBeMissing: true,
      includeStreamUsage: true,
    });
    expect(resolveGenericConfig(config({ preset: 'mistral' })).includeStreamUsage).toBe(false);
  });

  it('defaults a preset-less config to bearer auth, stream usage on, float embeddings', () => {
    const resolved = resolveGenericConfig(config({ base_url: 'http://localhost:8080/v1' }));
    expect(resolved).toMatchObject({
      preset: undefined,
      includeStreamUsage: true,
      usageMayBeMissing: false,
      maxCompletionTokens: undefined,
      embeddingEncoding: 'float',
    });
    expect(resolved.config.auth_style).toBe('bearer');
  });

  it('merges preset headers with config headers, the config winning per header', () => {
    const resolved = resolveGenericConfig(
      config({ preset: 'openrouter', headers: { 'X-Title': 'My App' } }),
    );
    expect(resolved.config.headers).toEqual({ 'X-Title': 'My App' });
  });

  it('refuses a config with neither base_url nor preset, saying how to fix it', () => {
    expect(() => resolveGenericConfig(config())).toThrow(
      /Provider "compatible" \(type generic\): set base_url \(e\.g\. "http:\/\/localhost:8000\/v1"\) or a preset \(deepseek, gemini, groq/,
    );
  });

  it('refuses an unknown preset', () => {
    expect(() => resolveGenericConfig(config({ preset: 'chatgpt' }))).toThrow(
      /unknown preset "chatgpt" \(known presets: deepseek, gemini, groq, lmstudio, mistral, moonshot, ollama, openrouter, qwen, together, vllm, xai, zhipu\)/,
    );
  });
});
