import { describe, expect, it } from 'vitest';
import { validateConfig } from '../load/load-config';
import { contextFor } from './__tests__/check-context';
import { checkPresets } from './semantic-checks';

const PRESETS = ['deepseek', 'groq', 'ollama', 'qwen'];
const generic = (preset: unknown, type = 'generic') => ({
  providers: { deepseek: { type, preset, api_key: 'sk-x' } },
});

describe('checkPresets', () => {
  it('rejects an unknown preset of a generic provider, listing the known ones and the closest', () => {
    const context = { ...contextFor(generic('deepsek')), knownPresets: new Set(PRESETS) };
    expect(checkPresets(context)).toEqual([
      {
        path: ['llm', 'providers', 'deepseek', 'preset'],
        message: 'unknown preset "deepsek" (known: deepseek, groq, ollama, qwen)',
        suggestion: 'deepseek',
      },
    ]);
  });

  it('accepts a known preset', () => {
    const context = { ...contextFor(generic('qwen')), knownPresets: new Set(PRESETS) };
    expect(checkPresets(context)).toEqual([]);
  });

  it('checks nothing when the caller gives no preset list (config cannot see the generic provider)', () => {
    expect(checkPresets(contextFor(generic('deepsek')))).toEqual([]);
  });

  it('ignores preset on a provider that is not generic, and a preset of the wrong type (the schema reports it)', () => {
    const knownPresets = new Set(PRESETS);
    expect(checkPresets({ ...contextFor(generic('deepsek', 'openai')), knownPresets })).toEqual([]);
    expect(checkPresets({ ...contextFor(generic(7)), knownPresets })).toEqual([]);
  });

  it('makes validateConfig reject preset = "deepsek" with did-you-mean when knownPresets is given', async () => {
    const result = await validateConfig({
      config: generic('deepsek'),
      env: {},
      dotenv: false,
      knownPresets: PRESETS,
    });
    expect(result.valid).toBe(false);
    expect(result.issues).toEqual([
      {
        path: 'llm.providers.deepseek.preset',
        message: 'unknown preset "deepsek" (known: deepseek, groq, ollama, qwen)',
        source: 'code (options.config)',
        suggestion: 'deepseek',
      },
    ]);
  });
});
