import { afterEach, describe, expect, it } from 'vitest';
import 'llm-provider-echo-example';
import { recordingLogger } from '@llm/testing';
import { createLLMManager } from './index';
import type { LLMManager } from './llm-manager';

let manager: LLMManager | undefined;
afterEach(async () => {
  await manager?.close();
  manager = undefined;
});

describe('a provider type from a package outside packages/', () => {
  it('is built from config through the registry and called like any other', async () => {
    manager = await createLLMManager({
      // Its model has no price: the warning saying so stays out of the test output.
      logger: recordingLogger(),
      config: {
        default_provider: 'local',
        enable_usage_tracking: false,
        providers: {
          local: { type: 'echo', options: { prefix: 'echo: ' }, models: { 'echo-1': {} } },
        },
      },
    });
    const response = await manager.chatCompletion({
      model: 'echo-1',
      messages: [{ role: 'user', content: 'ping' }],
    });
    expect(response.content).toBe('echo: ping');
    expect(manager.getProviderInfo()).toEqual([
      expect.objectContaining({ name: 'local', type: 'echo' }),
    ]);
  });

  it('refuses a config naming a type no package registered, listing the known ones', async () => {
    const failure = await createLLMManager({
      config: { enable_usage_tracking: false, providers: { x: { type: 'nonexistent' } } },
    }).catch((error: unknown) => error);
    expect((failure as { issues: { path: string; message: string }[] }).issues).toEqual([
      expect.objectContaining({
        path: 'llm.providers.x.type',
        message: expect.stringMatching(/unknown provider type "nonexistent" \(known: .*echo/),
      }),
    ]);
  });
});
