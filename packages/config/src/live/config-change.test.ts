import { describe, expect, it } from 'vitest';
import { LLMConfigSchema } from '../schema/config-schema';
import { diffConfigs } from './config-change';

const config = (input: Parameters<typeof LLMConfigSchema.parse>[0]) => LLMConfigSchema.parse(input);

describe('diffConfigs', () => {
  it('names added, removed and modified providers', () => {
    const previous = config({
      providers: [
        { name: 'a', type: 'openai' },
        { name: 'b', type: 'claude' },
        { name: 'c', type: 'generic' },
      ],
    });
    const next = config({
      providers: [
        { name: 'a', type: 'openai' },
        { name: 'b', type: 'claude', timeout: 1000 },
        { name: 'd', type: 'azure' },
      ],
    });
    expect(diffConfigs(previous, next)).toEqual({
      added: ['d'],
      removed: ['c'],
      modified: ['b'],
      changedKeys: ['providers'],
    });
  });

  it('lists changed top-level keys when no provider changed', () => {
    const previous = config({ retry: { max_attempts: 3 } });
    const next = config({ retry: { max_attempts: 5 }, display_currency: 'CNY' });
    expect(diffConfigs(previous, next)).toEqual({
      added: [],
      removed: [],
      modified: [],
      changedKeys: ['display_currency', 'retry'],
    });
  });

  it('ignores key order', () => {
    const previous = config({
      providers: [{ name: 'a', type: 'openai', timeout: 5, enabled: true }],
    });
    const next = config({ providers: [{ enabled: true, timeout: 5, type: 'openai', name: 'a' }] });
    expect(diffConfigs(previous, next)).toEqual({
      added: [],
      removed: [],
      modified: [],
      changedKeys: [],
    });
  });
});
