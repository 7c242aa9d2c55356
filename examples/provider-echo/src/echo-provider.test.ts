import { defaultProviderRegistry, LLMProviderConfigSchema, silentLogger } from '@llm/core';
import { describe, expect, it } from 'vitest';
import { echoProviderFactory } from './index';

describe('echo provider example', () => {
  it('registers its type with the core registry on import', () => {
    expect(defaultProviderRegistry().get('echo')).toBe(echoProviderFactory);
  });

  it('answers through the registry-built provider with the configured prefix', async () => {
    const config = LLMProviderConfigSchema.parse({
      name: 'local',
      type: 'echo',
      options: { prefix: '> ' },
    });
    const provider = defaultProviderRegistry().create(config, { logger: silentLogger });
    const response = await provider.chatCompletion({
      model: 'echo-1',
      messages: [{ role: 'user', content: 'ping' }],
    });
    expect(response.content).toBe('> ping');
    expect(response.usage.estimated).toBe(true);
  });

  it('streams the same answer and ends with a finish chunk', async () => {
    const config = LLMProviderConfigSchema.parse({ name: 'local', type: 'echo' });
    const provider = echoProviderFactory.create(config, { logger: silentLogger });
    const chunks = [];
    for await (const chunk of provider.streamCompletion({
      model: 'echo-1',
      messages: [{ role: 'user', content: 'a b c' }],
    }))
      chunks.push(chunk);
    expect(
      chunks
        .filter((chunk) => chunk.type === 'text-delta')
        .map((chunk) => chunk.delta)
        .join(''),
    ).toBe('a b c');
    expect(chunks.at(-1)?.type).toBe('finish');
  });
});
