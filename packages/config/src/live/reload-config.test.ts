import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../issues/config-error';
import type { ConfigChange } from './config-change';
import { configDirectory, WITH_NEW_MODEL } from './__tests__/config-directory';
import { createConfigManager } from './llm-config-manager';

const env = { OPENAI_API_KEY: 'sk-reload' };

describe('reloadConfig', () => {
  it('applies an edited file and reports which providers changed', async () => {
    const { file } = configDirectory();
    const manager = await createConfigManager({ configFile: file, env, dotenv: false });
    const changes: ConfigChange[] = [];
    manager.on('change', (change) => changes.push(change));
    writeFileSync(file, WITH_NEW_MODEL);
    await manager.reloadConfig();
    expect(manager.getModelConfig('openai', 'gpt-4.1')?.max_tokens).toBe(8192);
    expect(
      changes.map(({ source, modified, changedKeys }) => ({ source, modified, changedKeys })),
    ).toEqual([{ source: 'reload', modified: ['openai'], changedKeys: ['providers'] }]);
  });

  it('emits nothing when the file did not change what it means', async () => {
    const { file } = configDirectory();
    const manager = await createConfigManager({ configFile: file, env, dotenv: false });
    let changes = 0;
    manager.on('change', () => changes++);
    writeFileSync(
      file,
      `# only a comment was added\n${WITH_NEW_MODEL.replace(/\n\[llm\.providers\.openai\.models\."gpt-4\.1"\][^]*$/, '\n')}`,
    );
    await manager.reloadConfig();
    expect(changes).toBe(0);
  });

  it('rejects a broken file with its line and keeps the previous configuration', async () => {
    const { file } = configDirectory();
    const manager = await createConfigManager({ configFile: file, env, dotenv: false });
    const before = manager.getConfig();
    writeFileSync(file, '[llm.providers.openai]\ntype = "openai"\ntimeout = "soon"\n');
    const error = await manager.reloadConfig().catch((caught: unknown) => caught);
    expect(ConfigError.is(error)).toBe(true);
    expect((error as ConfigError).issues).toEqual([
      {
        path: 'llm.providers.openai.timeout',
        message: 'expected a number, got a string',
        file,
        line: 3,
        column: 1,
      },
    ]);
    expect(manager.getConfig()).toBe(before);
  });
});
