import { afterEach, describe, expect, it } from 'vitest';
import { HEALTH_CHECK_TIMEOUT_MS } from '@llm/core';
import { startCliFixture, type CliFixture } from '../__tests__/cli-fixture';
import type { ProviderHealthReport } from './health';

let fixture: CliFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

interface HealthJson {
  healthy: boolean;
  providers: Record<string, ProviderHealthReport>;
}

describe('llm health', () => {
  it('shows the real error of a failing provider', async () => {
    fixture = await startCliFixture();
    fixture.simulator.script({
      match: { path: /\/models/ },
      error: { status: 503, message: 'models are down for maintenance' },
      times: Infinity,
    });
    const result = await fixture.run('health');
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /^openai\s+models\s+failing\s+\d+ ms\s+.*models are down for maintenance.*\(server_error\)$/m,
    );
  });

  it('reports the time the check really took', async () => {
    fixture = await startCliFixture();
    fixture.simulator.script({ match: { path: /\/models/ }, reply: { text: '' }, delayMs: 400 });
    const started = Date.now();
    const result = await fixture.run('health', '--json');
    const elapsed = Date.now() - started;
    const report = (JSON.parse(result.stdout) as HealthJson).providers['openai']!;
    expect(report.latency_ms).toBeGreaterThanOrEqual(390);
    expect(report.latency_ms).toBeLessThanOrEqual(elapsed);
  });

  it('with --deep, reports a provider whose chat call hangs as failing, after the health timeout', async () => {
    fixture = await startCliFixture();
    fixture.simulator.script({ fault: 'hang' });
    const started = Date.now();
    const result = await fixture.run('health', '--deep', '--json');
    expect(result.code).toBe(1);
    const health = JSON.parse(result.stdout) as HealthJson;
    const openai = health.providers['openai']!;
    expect(health.healthy).toBe(false);
    expect(openai.healthy).toBe(false);
    expect(openai.error).toBeUndefined();
    expect(openai.chat).toMatchObject({
      healthy: false,
      model: 'gpt-4o-mini',
      error: `no answer within ${HEALTH_CHECK_TIMEOUT_MS} ms`,
    });
    expect(openai.chat!.latency_ms).toBeGreaterThanOrEqual(HEALTH_CHECK_TIMEOUT_MS - 10);
    expect(Date.now() - started).toBeLessThan(HEALTH_CHECK_TIMEOUT_MS + 3000);
    const chat = fixture.simulator.requests.find((request) =>
      request.path.endsWith('/chat/completions'),
    );
    expect(chat?.body).toMatchObject({ model: 'gpt-4o-mini', max_tokens: 1 });
  }, 15_000);

  it('with --deep, is ok when the one-token chat call answers', async () => {
    fixture = await startCliFixture();
    const result = await fixture.run('health', '--deep');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^openai\s+models\s+ok\s+\d+ ms$/m);
    expect(result.stdout).toMatch(/^openai\s+chat gpt-4o-mini\s+ok\s+\d+ ms$/m);
  });
});
