import { describe, expect, it } from 'vitest';
import { BUILT_IN_TRANSFORMS } from './transforms/transform-registry';
import { PRESET_NAMES, PRESETS } from './presets';

const EXPECTED_BASE_URLS: Record<string, string> = {
  deepseek: 'https://api.deepseek.com/v1',
  qwen: 'https://dashscope.aliyuncs.com/compatible-mode/v1',
  zhipu: 'https://open.bigmodel.cn/api/paas/v4',
  moonshot: 'https://api.moonshot.cn/v1',
  ollama: 'http://localhost:11434/v1',
  vllm: 'http://localhost:8000/v1',
  lmstudio: 'http://localhost:1234/v1',
  openrouter: 'https://openrouter.ai/api/v1',
  groq: 'https://api.groq.com/openai/v1',
  together: 'https://api.together.xyz/v1',
  mistral: 'https://api.mistral.ai/v1',
  xai: 'https://api.x.ai/v1',
  gemini: 'https://generativelanguage.googleapis.com/v1beta/openai',
};

describe('PRESETS', () => {
  it('holds the thirteen documented presets, each at its documented base URL', () => {
    expect(PRESET_NAMES).toEqual(Object.keys(EXPECTED_BASE_URLS).sort());
    for (const [name, baseURL] of Object.entries(EXPECTED_BASE_URLS))
      expect(PRESETS[name]?.baseURL, name).toBe(baseURL);
  });

  it('is keyed by each preset own name', () => {
    for (const name of PRESET_NAMES) expect(PRESETS[name]?.name).toBe(name);
  });

  it('lets local servers run without a key and requires one for hosted services', () => {
    const keyless = PRESET_NAMES.filter((name) => !PRESETS[name]?.requiresApiKey);
    expect(keyless).toEqual(['lmstudio', 'ollama', 'vllm']);
  });

  it('names only built-in transforms', () => {
    for (const name of PRESET_NAMES)
      for (const transform of PRESETS[name]?.transforms ?? [])
        expect(Object.keys(BUILT_IN_TRANSFORMS), `${name} → ${transform}`).toContain(transform);
  });

  it('uses the strip and rename transforms exactly where it lists parameters for them', () => {
    for (const name of PRESET_NAMES) {
      const preset = PRESETS[name]!;
      expect(Boolean(preset.unsupportedParams?.length), name).toBe(
        preset.transforms?.includes('strip-unsupported-params') ?? false,
      );
      expect(Boolean(preset.renamedParams), name).toBe(
        preset.transforms?.includes('rename-params') ?? false,
      );
    }
  });

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(PRESETS)).toBe(true);
  });
});
