import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock } from '@llm/core';
import { redactConfig } from '@llm/config';
import { keyFingerprint } from '@llm/router';
import { recordingLogger } from '@llm/testing';
import {
  drain,
  startManagerFixture,
  TEST_ENV,
  type ManagerFixture,
} from './__tests__/manager-fixture';
import { ask } from './__tests__/routing-config';
import type { ManagerEvents } from './manager-events';

const BAD_KEY = 'sk-pool-revoked-key-0000000001';
const GOOD_KEY = 'sk-pool-working-key-000000002';

let fixture: ManagerFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

/** A provider with two keys, the first of which the simulator refuses with a 401. */
async function startPool(extra = '', clock = createManualClock(Date.now())) {
  const logger = recordingLogger();
  fixture = await startManagerFixture({
    simulator: { apiKeys: [TEST_ENV.TEST_OPENAI_KEY, TEST_ENV.TEST_ANTHROPIC_KEY, GOOD_KEY] },
    extraToml: (simulator) => `
[llm.providers.pool]
type = "openai"
api_keys = ["\${POOL_KEY_1}", "\${POOL_KEY_2}"]
base_url = "${simulator.openaiBaseURL}"
${extra}

[llm.providers.pool.models."gpt-4o"]
`,
    manager: {
      env: { ...TEST_ENV, POOL_KEY_1: BAD_KEY, POOL_KEY_2: GOOD_KEY },
      clock,
      logger,
    },
  });
  const events: unknown[] = [];
  const names: (keyof ManagerEvents)[] = [
    'route',
    'fallback',
    'retry',
    'attempt-start',
    'attempt-end',
    'call-start',
    'call-end',
    'usage',
    'give-up',
  ];
  for (const name of names) fixture.manager.on(name, (payload: unknown) => events.push(payload));
  return { fixture, events, logger, clock };
}

/** The Authorization headers the simulator received for chat calls, as the keys they carried. */
const keysSent = () =>
  fixture!.simulator.requests
    .filter((request) => request.path.endsWith('/chat/completions'))
    .map((request) => request.headers['authorization']?.replace('Bearer ', ''));

describe('several API keys per provider', () => {
  it('two keys, one answering 401: every call succeeds, the bad key is benched, no key appears in any output', async () => {
    const { events, logger } = await startPool();
    const outputs: unknown[] = [];
    for (let call = 0; call < 6; call++) {
      const response = await fixture!.manager.chatCompletion(ask('pool/gpt-4o'));
      expect(response.metadata.provider_name).toBe('pool');
      outputs.push(response);
    }
    // The bad key is tried once, retried at once with the next key on the same deployment, then benched.
    expect(keysSent()).toEqual([
      BAD_KEY,
      GOOD_KEY,
      GOOD_KEY,
      GOOD_KEY,
      GOOD_KEY,
      GOOD_KEY,
      GOOD_KEY,
    ]);
    const routes = events.filter(
      (event): event is ManagerEvents['route'][0] =>
        typeof event === 'object' && event !== null && 'deployment' in event,
    );
    expect(routes.slice(0, 2).map((route) => [route.reason, route.key])).toEqual([
      ['first', keyFingerprint(BAD_KEY)],
      ['key_rotation', keyFingerprint(GOOD_KEY)],
    ]);
    const ledger = await fixture!.manager.usage!.exportUsage('csv');
    const health = await fixture!.manager.healthCheck();
    const shown = JSON.stringify([outputs, events, logger.lines, health]) + ledger;
    for (const key of [BAD_KEY, GOOD_KEY]) expect(shown).not.toContain(key);
    // The printed config (`llm config show`) hides every key of the list.
    const printed = JSON.stringify(redactConfig(fixture!.manager.config));
    for (const key of [BAD_KEY, GOOD_KEY]) expect(printed).not.toContain(key);
  });

  it('brings a benched key back after key_cooldown', async () => {
    const { clock } = await startPool('key_cooldown = 5000');
    await fixture!.manager.chatCompletion(ask('pool/gpt-4o'));
    await clock.advance(5_000);
    await fixture!.manager.chatCompletion(ask('pool/gpt-4o'));
    expect(keysSent()).toEqual([BAD_KEY, GOOD_KEY, BAD_KEY, GOOD_KEY]);
  });

  it('streams with the key of each attempt', async () => {
    await startPool();
    const { chunks, error } = await drain(fixture!.manager.streamCompletion(ask('pool/gpt-4o')));
    expect(error).toBeUndefined();
    expect(chunks.at(-1)).toMatchObject({ type: 'finish' });
    expect(keysSent()).toEqual([BAD_KEY, GOOD_KEY]);
  });
});
