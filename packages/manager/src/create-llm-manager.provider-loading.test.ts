import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultProviderRegistry } from '@llm/core';
import { recordingLogger, startSimulator, type Simulator } from '@llm/testing';
import { createLLMManager } from './index';

// This file imports no provider package: the manager must load the one the config names.
let simulator: Simulator | undefined;
let directory: string | undefined;
afterEach(async () => {
  await simulator?.close();
  if (directory) await rm(directory, { recursive: true, force: true });
  simulator = undefined;
  directory = undefined;
});

describe('createLLMManager loads a built-in provider package on demand', () => {
  it('imports @llm/providers-generic for a type = "generic" provider and calls through it', async () => {
    expect(defaultProviderRegistry().get('generic')).toBeUndefined();
    simulator = await startSimulator();
    directory = await mkdtemp(path.join(os.tmpdir(), 'llm-manager-loading-'));
    const configFile = path.join(directory, 'llm.toml');
    await writeFile(
      configFile,
      `
[llm]
default_provider = "local"
enable_usage_tracking = false

[llm.providers.local]
type = "generic"
api_key = "sk-local-123456"
base_url = "${simulator.openaiBaseURL}"

[llm.providers.local.models.local-model]
`,
    );
    const manager = await createLLMManager({
      configFile,
      watch: false,
      env: {},
      logger: recordingLogger(),
    });
    try {
      expect(defaultProviderRegistry().get('generic')).toBeDefined();
      simulator.script({ reply: { text: 'loaded on demand' } });
      const answer = await manager.chatCompletion({
        model: 'local-model',
        messages: [{ role: 'user', content: 'hi' }],
      });
      expect(answer.content).toBe('loaded on demand');
      expect(manager.getProviderInfo()).toEqual([
        expect.objectContaining({ name: 'local', type: 'generic' }),
      ]);
    } finally {
      await manager.close();
    }
  });
});
