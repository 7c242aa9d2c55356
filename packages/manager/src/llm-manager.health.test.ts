import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock, type HealthStatus, type ManualClock } from '@llm/core';
import { startSimulator, type Simulator } from '@llm/testing';
import { startManagerFixture, type ManagerFixture } from './__tests__/manager-fixture';
import { ask, routingToml } from './__tests__/routing-config';

let fixture: ManagerFixture | undefined;
let second: Simulator | undefined;
afterEach(async () => {
  await fixture?.close();
  await second?.close();
  fixture = undefined;
  second = undefined;
});

/** Fires the next background round on the manual clock and waits until it reported. */
async function nextRound(clock: ManualClock, ms: number): Promise<HealthStatus> {
  const round = new Promise<HealthStatus>((resolve) =>
    fixture!.manager.once('health-check', resolve),
  );
  await clock.advance(ms);
  return round;
}

const modelListRequests = (simulator = fixture!.simulator) =>
  simulator.requests.filter((request) => request.path === '/v1/models').length;

describe('deployment health', () => {
  it('reports every deployment with its circuit state and last error besides each provider', async () => {
    fixture = await startManagerFixture({
      extraToml: routingToml('[llm.retry]\nmax_attempts = 1\n'),
    });
    fixture.simulator.script({ match: { model: 'gpt-4o' }, error: { status: 503 } });
    await fixture.manager.chatCompletion(ask('smart'));
    const health = await fixture.manager.healthCheck();
    expect(health.providers['openai']).toMatchObject({ healthy: true });
    expect(health.deployments?.['openai/gpt-4o']).toMatchObject({
      provider: 'openai',
      model: 'gpt-4o',
      healthy: true,
      circuit_state: 'closed',
      last_error: 'server_error',
    });
    expect(health.deployments?.['backup/gpt-4o']).toMatchObject({ healthy: true });
    expect(health.deployments?.['backup/gpt-4o']?.last_error).toBeUndefined();
    expect(health.deployments?.['openai/gpt-4o']?.latency_ms).toBeGreaterThanOrEqual(0);
  });

  it('reports a deployment whose circuit is open as unhealthy while its provider answers', async () => {
    fixture = await startManagerFixture({
      extraToml: routingToml(
        '[llm.retry]\nmax_attempts = 1\n\n[llm.circuit_breaker]\nfailure_threshold = 1\ncooldown = 60000\n',
      ),
    });
    fixture.simulator.script({ match: { model: 'gpt-4o' }, error: { status: 503 } });
    await fixture.manager.chatCompletion(ask('smart'));
    const health = await fixture.manager.healthCheck();
    expect(health.providers['openai']?.healthy).toBe(true);
    expect(health.deployments?.['openai/gpt-4o']).toMatchObject({
      healthy: false,
      circuit_state: 'open',
      error: 'the circuit is open',
    });
    expect(health.deployments?.['openai/gpt-4o-mini']).toMatchObject({ healthy: true });
  });

  it('runs background checks every health_check_interval and skips a deployment that failed its last one', async () => {
    const clock = createManualClock(Date.now());
    // The fallback on a simulator of its own, so the primary's model list can fail alone.
    second = await startSimulator();
    const backupURL = second.openaiBaseURL;
    fixture = await startManagerFixture({
      extraToml: (simulator) =>
        routingToml('\n[llm.routing]\nhealth_check_interval = 30000\n')(simulator).replace(
          /(\[llm\.providers\.backup\][^[]*base_url = )"[^"]+"/,
          `$1"${backupURL}"`,
        ),
      manager: { clock },
    });
    // openai and claude (both on the first simulator) fail this round's model list.
    fixture.simulator.script({ match: { path: '/v1/models' }, error: { status: 503 }, times: 2 });
    expect(modelListRequests()).toBe(0);
    const failed = await nextRound(clock, 30_000);
    expect(failed.deployments?.['openai/gpt-4o']).toMatchObject({ healthy: false });
    expect(modelListRequests()).toBe(2);
    expect(modelListRequests(second)).toBe(1);
    const response = await fixture.manager.chatCompletion(ask('smart'));
    expect(response.metadata.provider_name).toBe('backup');
    // The next round passes: the primary is used again.
    expect((await nextRound(clock, 30_000)).deployments?.['openai/gpt-4o']?.healthy).toBe(true);
    const again = await fixture.manager.chatCompletion(ask('smart'));
    expect(again.metadata.provider_name).toBe('openai');
  });

  it('stops the background checks when the manager closes', async () => {
    const clock = createManualClock(Date.now());
    fixture = await startManagerFixture({
      extraToml: routingToml('\n[llm.routing]\nhealth_check_interval = 1000\n'),
      manager: { clock },
    });
    await nextRound(clock, 1_000);
    const seen = modelListRequests();
    expect(seen).toBeGreaterThan(0);
    let rounds = 0;
    fixture.manager.on('health-check', () => rounds++);
    await fixture.manager.close();
    await clock.advance(10_000);
    expect(rounds).toBe(0);
    expect(modelListRequests()).toBe(seen);
  });
});
