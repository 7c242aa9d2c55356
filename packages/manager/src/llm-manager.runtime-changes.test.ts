import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { LLMProviderConfigSchema } from '@llm/core';
import { startSimulator, type Simulator } from '@llm/testing';
import { startManagerFixture, type ManagerFixture } from './__tests__/manager-fixture';

let fixture: ManagerFixture | undefined;
let second: Simulator | undefined;
afterEach(async () => {
  await fixture?.close();
  await second?.close();
  fixture = undefined;
  second = undefined;
});

const ask = (provider: string, model: string) => ({
  provider,
  model,
  messages: [{ role: 'user' as const, content: 'hi' }],
});
const nextChange = (fixture: ManagerFixture) =>
  new Promise<void>((resolve) => fixture.manager.once('config-change', () => resolve()));

describe('runtime provider changes through the manager', () => {
  it('serves a provider added at runtime and stops serving it once removed', async () => {
    fixture = await startManagerFixture();
    second = await startSimulator();
    const added = nextChange(fixture);
    await fixture.manager.configManager.addProvider(
      LLMProviderConfigSchema.parse({
        name: 'backup',
        type: 'openai',
        api_key: 'sk-backup-1234',
        base_url: second.openaiBaseURL,
        models: [{ name: 'gpt-4o-mini' }],
      }),
    );
    await added;
    const response = await fixture.manager.chatCompletion(ask('backup', 'gpt-4o-mini'));
    expect(response.metadata.provider_name).toBe('backup');
    expect(second.requests).toHaveLength(1);

    const removed = nextChange(fixture);
    await fixture.manager.configManager.removeProvider('backup');
    await removed;
    await expect(
      fixture.manager.chatCompletion(ask('backup', 'gpt-4o-mini')),
    ).rejects.toMatchObject({ type: 'invalid_request' });
  });

  it('lets a call in flight finish on the provider it started with while an update moves the provider elsewhere', async () => {
    fixture = await startManagerFixture();
    second = await startSimulator();
    fixture.simulator.script({
      reply: { text: 'from the first endpoint', chunk_size: 2 },
      chunkDelayMs: 20,
    });
    const stream = fixture.manager.streamCompletion(ask('openai', 'gpt-4o-mini'));
    const iterator = stream[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.done).toBe(false);

    const updated = nextChange(fixture);
    await fixture.manager.configManager.updateProvider('openai', {
      base_url: second.openaiBaseURL,
    });
    await updated;

    let text = first.value?.type === 'text-delta' ? first.value.delta : '';
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      if (next.value.type === 'text-delta') text += next.value.delta;
    }
    expect(text).toBe('from the first endpoint');
    await fixture.manager.chatCompletion(ask('openai', 'gpt-4o-mini'));
    expect(second.requests).toHaveLength(1);
  });

  it('persists runtime changes to the overrides file next to the config when asked, leaving the TOML untouched', async () => {
    fixture = await startManagerFixture({ manager: { persistChanges: true } });
    const toml = await readFile(fixture.configFile, 'utf8');
    await fixture.manager.configManager.updateProvider('openai', { timeout: 1234 });
    const overrides = JSON.parse(
      await readFile(fixture.configFile.replace(/\.toml$/, '.overrides.json'), 'utf8'),
    ) as unknown;
    expect(overrides).toEqual({ llm: { providers: { openai: { timeout: 1234 } } } });
    expect(await readFile(fixture.configFile, 'utf8')).toBe(toml);
  });

  it('refuses an invalid runtime change and keeps the current config', async () => {
    fixture = await startManagerFixture();
    await expect(
      fixture.manager.configManager.updateProvider('openai', { timeout: -5 }),
    ).rejects.toMatchObject({ name: 'ConfigError' });
    expect((await fixture.manager.chatCompletion(ask('openai', 'gpt-4o-mini'))).success).toBe(true);
  });
});
