import { readFile, rename, writeFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { startManagerFixture, type ManagerFixture } from './__tests__/manager-fixture';

let fixture: ManagerFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

const ask = (provider: string, model: string) => ({
  provider,
  model,
  messages: [{ role: 'user' as const, content: 'hi' }],
});

async function saveByRename(file: string, text: string): Promise<void> {
  await writeFile(`${file}.tmp`, text);
  await rename(`${file}.tmp`, file);
}

describe('manager hot reload', () => {
  it('makes a model added to the config file callable within 1 s, and keeps serving when a broken file is saved', async () => {
    fixture = await startManagerFixture({ manager: { watch: true } });
    const { manager, configFile } = fixture;
    await expect(manager.chatCompletion(ask('openai', 'gpt-4.1-nano'))).rejects.toMatchObject({
      type: 'model_not_found',
    });

    const original = await readFile(configFile, 'utf8');
    const changed = new Promise<number>((resolve) =>
      manager.once('config-change', () => resolve(Date.now())),
    );
    const savedAt = Date.now();
    await saveByRename(
      configFile,
      `${original}\n[llm.providers.openai.models."gpt-4.1-nano"]\nmax_tokens = 1000\n`,
    );
    expect((await changed) - savedAt).toBeLessThan(1000);
    const response = await manager.chatCompletion(ask('openai', 'gpt-4.1-nano'));
    expect(response.success).toBe(true);

    const rejected = new Promise<Error>((resolve) => manager.once('config-error', resolve));
    await saveByRename(configFile, `${original}\n[llm.providers.openai\n`);
    expect((await rejected).message).toBeTruthy();
    expect((await manager.chatCompletion(ask('openai', 'gpt-4.1-nano'))).success).toBe(true);
  });
});
