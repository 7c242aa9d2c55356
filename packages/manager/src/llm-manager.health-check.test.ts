import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock, HEALTH_CHECK_TIMEOUT_MS } from '@llm/core';
import { closedPort } from '@llm/testing';
import {
  startManagerFixture,
  TEST_ENV,
  type ManagerFixture,
  ledgerRecords,
} from './__tests__/manager-fixture';

let fixture: ManagerFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

describe('manager health check: failures keep their reason', () => {
  it('marks a provider whose model list is refused unhealthy, naming the error and its type', async () => {
    // Without its key Claude is disabled, so the one models request is OpenAI's.
    fixture = await startManagerFixture({
      manager: { env: { TEST_OPENAI_KEY: TEST_ENV.TEST_OPENAI_KEY } },
    });
    fixture.simulator.script({
      match: { protocol: 'models' },
      error: { status: 401, message: 'Incorrect API key provided' },
    });
    const health = await fixture.manager.healthCheck();
    expect(health.healthy).toBe(false);
    expect(health.providers['openai']).toMatchObject({ healthy: false, circuit_state: 'closed' });
    expect(health.providers['openai']?.error).toContain('Incorrect API key provided');
    expect(health.providers['openai']?.error).toContain('(auth)');
    expect(Object.keys(health.providers)).toEqual(['openai']);
  });

  it('marks a provider nothing listens for unhealthy with a network error, the others healthy', async () => {
    const port = await closedPort();
    fixture = await startManagerFixture({
      extraToml: `
[llm.providers.offline]
type = "openai"
api_key = "\${TEST_OPENAI_KEY}"
base_url = "http://127.0.0.1:${port}/v1"
max_retries = 0

[llm.providers.offline.models.gpt-4o]
`,
    });
    const health = await fixture.manager.healthCheck();
    expect(health.healthy).toBe(false);
    expect(health.providers['offline']).toMatchObject({ healthy: false });
    expect(health.providers['offline']?.error).toContain('(network)');
    expect(health.providers['openai']?.healthy).toBe(true);
    expect(health.providers['claude']?.healthy).toBe(true);
  });

  it('marks a provider whose model list never answers unhealthy once the health timeout passes', async () => {
    const clock = createManualClock(Date.now());
    fixture = await startManagerFixture({
      manager: { clock, env: { TEST_ANTHROPIC_KEY: TEST_ENV.TEST_ANTHROPIC_KEY } },
    });
    fixture.simulator.script({ match: { protocol: 'models' }, fault: 'hang' });
    const pending = fixture.manager.healthCheck();
    for (let waited = 0; fixture.simulator.requests.length === 0 && waited < 2000; waited += 5)
      await new Promise((resolve) => setTimeout(resolve, 5));
    await clock.advance(HEALTH_CHECK_TIMEOUT_MS);
    const health = await pending;
    expect(health).toMatchObject({
      healthy: false,
      providers: {
        claude: {
          healthy: false,
          error: `no answer within ${HEALTH_CHECK_TIMEOUT_MS} ms`,
          latency_ms: HEALTH_CHECK_TIMEOUT_MS,
        },
      },
    });
    await fixture.simulator.waitForClientClose(2000);
  });
});

describe('manager health check with deep: a one-token chat call per provider', () => {
  it('calls the first chat model of each provider and records the call tagged as a health check', async () => {
    fixture = await startManagerFixture();
    const health = await fixture.manager.healthCheck({ deep: true });
    expect(health.healthy).toBe(true);
    expect(health.providers['openai']?.chat).toMatchObject({ healthy: true, model: 'gpt-4o-mini' });
    expect(health.providers['claude']?.chat).toMatchObject({
      healthy: true,
      model: 'claude-sonnet-4-20250514',
    });
    const chats = fixture.simulator.requests.filter((request) => !/models/.test(request.path));
    expect(chats.map((request) => (request.body as { max_tokens?: number }).max_tokens)).toEqual([
      1, 1,
    ]);
    const records = await ledgerRecords(fixture.manager);
    expect(records).toHaveLength(2);
    for (const record of records) expect(record.tags).toMatchObject({ purpose: 'health-check' });
  });

  it('reports a provider whose models answer but whose chat call fails as unhealthy, with the chat error', async () => {
    fixture = await startManagerFixture();
    fixture.simulator.script({
      match: { protocol: 'openai' },
      error: { status: 400, message: 'max_tokens is too small' },
    });
    const health = await fixture.manager.healthCheck({ deep: true });
    const openai = health.providers['openai'];
    expect(openai?.healthy).toBe(false);
    expect(openai?.chat).toMatchObject({ healthy: false, model: 'gpt-4o-mini' });
    expect(openai?.chat?.error).toContain('max_tokens is too small');
    expect(health.providers['claude']?.healthy).toBe(true);
  });

  it('reports a provider that lists only embedding models as having no chat model to call', async () => {
    fixture = await startManagerFixture({
      extraToml: (simulator) => `
[llm.providers.vectors]
type = "openai"
api_key = "\${TEST_OPENAI_KEY}"
base_url = "${simulator.openaiBaseURL}"

[llm.providers.vectors.models.text-embedding-3-small]
mode = "embedding"
`,
    });
    const health = await fixture.manager.healthCheck({ deep: true });
    expect(health.providers['vectors']).toMatchObject({
      healthy: false,
      chat: {
        healthy: false,
        latency_ms: 0,
        error: 'no chat model to call: list one under [llm.providers.vectors.models]',
      },
    });
    expect(health.providers['vectors']?.chat?.model).toBeUndefined();
  });
});
