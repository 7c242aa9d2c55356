import { afterEach, describe, expect, it } from 'vitest';
import { systemClock, type Clock } from '@llm/core';
import type { RouteEvent } from '@llm/router';
import type { Simulator } from '@llm/testing';
import { drain, startManagerFixture, type ManagerFixture } from './__tests__/manager-fixture';

let fixture: ManagerFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

const leastLatency = (simulator: Simulator) => `
[llm.providers.openai.models.gpt-4o]

[llm.providers.backup]
type = "openai"
api_key = "\${TEST_OPENAI_KEY}"
base_url = "${simulator.openaiBaseURL}"
timeout = 5000

[llm.providers.backup.models.gpt-4o-mini]

[llm.models.fast]
strategy = "least_latency"
deployments = [
  { provider = "openai", model = "gpt-4o" },
  { provider = "backup", model = "gpt-4o-mini" },
]
`;

/** Timers are real (the simulator's delays are), time as the router reads it is what the test says. */
function steppedClock(): Clock & { step(ms: number): void } {
  let now = 1_000_000;
  return {
    now: () => now,
    setTimer: (callback, delayMs, options) => systemClock.setTimer(callback, delayMs, options),
    sleep: (delayMs, signal) => systemClock.sleep(delayMs, signal),
    step(ms) {
      now += ms;
    },
  };
}

// openai answers its first chunk late and then finishes at once; backup's first chunk is quick but
// its answer takes long: least_latency sends a stream to backup and a chat call to openai.
const FIRST_CHUNK_MS = { openai: 200, backup: 20 } as const;
const REST_MS = { openai: 0, backup: 500 } as const;

describe('least_latency routing of streams', () => {
  it('orders deployments by their time to first chunk for streams, by latency for chat', async () => {
    const clock = steppedClock();
    fixture = await startManagerFixture({ extraToml: leastLatency, manager: { clock } });
    const { manager, simulator } = fixture;
    simulator.script(
      // The slow first chunk is slow on the wire too.
      { match: { model: 'gpt-4o' }, reply: { text: 'from openai' }, delayMs: 30, times: 10 },
      { match: { model: 'gpt-4o-mini' }, reply: { text: 'from backup' }, times: 10 },
    );
    const routed: string[] = [];
    let provider: keyof typeof FIRST_CHUNK_MS = 'openai';
    manager.on('route', (event: RouteEvent) => routed.push(event.deployment.provider));
    // Sent at the attempt's start; the first chunk arrives FIRST_CHUNK_MS later.
    manager.on('attempt-start', (event) => {
      provider = event.provider as keyof typeof FIRST_CHUNK_MS;
      clock.step(FIRST_CHUNK_MS[provider]);
    });
    const stream = async () => {
      let first = true;
      for await (const chunk of manager.streamCompletion({
        model: 'fast',
        messages: [{ role: 'user', content: 'hi' }],
      })) {
        if (first && chunk.type === 'text-delta') clock.step(REST_MS[provider]);
        first = false;
      }
    };
    // Unmeasured deployments go first: one stream measures each.
    await stream();
    await stream();
    expect(routed).toEqual(['openai', 'backup']);
    routed.length = 0;
    await stream();
    await stream();
    expect(routed).toEqual(['backup', 'backup']);
    routed.length = 0;
    // A chat call reads the whole latency: openai (200 ms) before backup (520 ms).
    const response = await manager.chatCompletion({
      model: 'fast',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(routed).toEqual(['openai']);
    expect(response.content).toBe('from openai');
    await drain(
      manager.streamCompletion({ model: 'fast', messages: [{ role: 'user', content: 'hi' }] }),
    );
  });
});
