import {
  startRedirectingProxy,
  startSimulator,
  type RedirectingProxy,
  type Simulator,
} from '@llm/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { ClaudeProvider } from './claude-provider';

let simulator: Simulator | undefined;
let redirecting: RedirectingProxy | undefined;
afterEach(async () => {
  await simulator?.close();
  await redirecting?.close();
  redirecting = undefined;
});

const request = {
  model: 'claude-sonnet-4-20250514',
  max_tokens: 16,
  messages: [{ role: 'user' as const, content: 'Hi' }],
};

function provider(
  target: Simulator,
  rateLimit?: { max_concurrency: number },
  baseURL = target.anthropicBaseURL,
): ClaudeProvider {
  return new ClaudeProvider({
    name: 'claude',
    type: 'claude',
    api_key: 'sk-ant-test-transport-0123456789',
    base_url: baseURL,
    timeout: 5_000,
    ...(rateLimit ? { rate_limit: rateLimit } : {}),
    models: [{ name: 'claude-sonnet-4-20250514' }],
  } as never);
}

describe('ClaudeProvider transport', () => {
  it('sends its calls over its own keep-alive pool, sized by rate_limit.max_concurrency', async () => {
    simulator = await startSimulator();
    // Answers held back a little, so the four calls are in flight together.
    simulator.script({ reply: { text: 'pooled' }, delayMs: 10, times: 4 });
    const pooled = provider(simulator, { max_concurrency: 1 });
    const answers = await Promise.all([1, 2, 3, 4].map(() => pooled.chatCompletion(request)));
    expect(answers.map((answer) => answer.content)).toEqual([
      'pooled',
      'pooled',
      'pooled',
      'pooled',
    ]);
    // Node's global pool would have opened one socket per concurrent call.
    expect(simulator.connections()).toEqual({ opened: 1, open: 1, peak: 1 });
    pooled.dispose();
  });

  it('closes its sockets when disposed', async () => {
    simulator = await startSimulator();
    const pooled = provider(simulator);
    await pooled.chatCompletion(request);
    // Keep-alive: the call's socket stays open after its answer.
    const before = simulator.connections();
    expect(before.opened).toBeGreaterThan(0);
    expect(before.open).toBe(before.opened);
    pooled.dispose();
    await simulator.waitForConnectionsClosed();
    expect(simulator.connections().open).toBe(0);
  });

  it('follows a base_url that redirects (307) to the endpoint, as the SDK on its own does', async () => {
    simulator = await startSimulator();
    simulator.script({ reply: { text: 'moved' } });
    redirecting = await startRedirectingProxy(simulator.url);
    const moved = provider(simulator, undefined, redirecting.anthropicBaseURL);
    const answer = await moved.chatCompletion(request);
    expect(answer.content).toBe('moved');
    // The redirect answered twice (the transport's uncopied send, then the send that follows
    // it); one request, with the whole body, reached the endpoint.
    expect(redirecting.seen).toEqual([
      'POST /moved/v1/messages',
      'POST /moved/v1/messages',
      'POST /v1/messages',
    ]);
    expect(simulator.requests).toHaveLength(1);
    expect(simulator.requests[0]!.body).toMatchObject({ model: 'claude-sonnet-4-20250514' });
    moved.dispose();
  });
});
