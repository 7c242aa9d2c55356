import { createManualClock } from '@llm/core';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../issues/config-error';
import {
  configDirectory,
  nextEvent,
  waitUntil,
  watchedConfigManager,
  WITH_NEW_MODEL,
} from './__tests__/config-directory';

const env = { OPENAI_API_KEY: 'sk-debounce' };

// Real file-system events, but the debounce runs on a manual clock: nothing reloads until the test advances it.
describe('hot reload debounce', () => {
  it('reloads once the quiet period has passed after the last write', async () => {
    const clock = createManualClock();
    const { file } = configDirectory();
    const manager = await watchedConfigManager(file, env, { clock, debounceMs: 50 });
    let changes = 0;
    manager.on('change', () => changes++);
    writeFileSync(file, WITH_NEW_MODEL);
    await waitUntil(() => clock.pendingTimers() > 0);
    await clock.advance(49);
    expect(changes).toBe(0);
    const change = nextEvent(manager, 'change');
    await clock.advance(1);
    expect((await change).source).toBe('file');
    expect(manager.getModelConfig('openai', 'gpt-4.1')).not.toBeNull();
    manager.close();
  });

  it('rejects an invalid file with an error event and keeps serving the previous configuration', async () => {
    const clock = createManualClock();
    const { file } = configDirectory();
    const manager = await watchedConfigManager(file, env, { clock });
    const before = manager.getConfig();
    writeFileSync(file, '[llm.providers.openai\n');
    await waitUntil(() => clock.pendingTimers() > 0);
    const error = nextEvent(manager, 'error');
    await clock.advance(50);
    const reported = await error;
    expect(ConfigError.is(reported)).toBe(true);
    expect((reported as ConfigError).issues[0]).toMatchObject({
      file,
      line: 1,
      message: 'TOML syntax error: illegal character in key',
    });
    expect(manager.getConfig()).toBe(before);
    manager.close();
  });

  it('stops reloading after close', async () => {
    const clock = createManualClock();
    const { file } = configDirectory();
    const manager = await watchedConfigManager(file, env, { clock });
    manager.close();
    writeFileSync(file, WITH_NEW_MODEL);
    await clock.advance(1000);
    expect(manager.getModelConfig('openai', 'gpt-4.1')).toBeNull();
  });
});
