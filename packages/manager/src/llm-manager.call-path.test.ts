import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

interface CallPath {
  readonly outbound: readonly string[];
  /** Below the SDK's request: the transport's fetch the SDK calls. */
  readonly transport: readonly string[];
  readonly back: readonly string[];
}

/** The source files one warm chat call runs code in, traced in a fresh process on the built packages. */
async function tracedCallPath(): Promise<CallPath> {
  const script = path.resolve(import.meta.dirname, '..', 'scripts', 'trace-call-path.mjs');
  const { stdout } = await run(process.execPath, [script, '--json'], { timeout: 60_000 });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as CallPath;
}

describe('the chat call path', () => {
  it('runs through at most twelve files in all, from the manager to the SDK call, none of the layers with nothing to do', async () => {
    const { outbound, transport, back } = await tracedCallPath();
    expect(outbound.length).toBeLessThanOrEqual(12);
    // Below the SDK, the request goes out through the provider's transport, one file.
    expect(transport).toEqual(['core/src/transport/uncloned-fetch.ts']);
    expect(outbound).toEqual(
      expect.arrayContaining([
        'manager/src/llm-manager.ts',
        'manager/src/routed-attempts.ts',
        'manager/src/call-session.ts',
        'router/src/route-plan.ts',
        'retry/src/resilience-pipeline.ts',
        'retry/src/retry-policy.ts',
        'retry/src/circuit-breaker/circuit-breaker.ts',
        'providers-openai/src/chat/openai-chat-completion.ts',
      ]),
    );
    // No cache and no call log, no budgets, one deployment, no rate limit, no timeout budget.
    for (const idle of [
      'manager/src/cached-call.ts',
      'manager/src/usage-accounting.ts',
      'manager/src/deployment-health.ts',
      'manager/src/route-call.ts',
      'retry/src/timeout-policy.ts',
      'retry/src/rate-limit/rate-limiter.ts',
    ])
      expect(outbound).not.toContain(idle);
    // Work done once per snapshot or per model is not redone per call: the model's route, its
    // request-check facts, the listener checks; a lone deployment is measured by no strategy; nobody
    // listens to an event; the call's own signal needs no relay, neither here nor in the provider.
    for (const settled of [
      'router/src/resolve-candidates.ts',
      'router/src/strategies.ts',
      'manager/src/request-checks.ts',
      'manager/src/manager-snapshot.ts',
      'manager/src/create-llm-manager.ts',
      'core/src/events/typed-event-emitter.ts',
      'core/src/util/abort-relay.ts',
    ])
      expect(outbound).not.toContain(settled);
    // The answer is priced and recorded on the way back.
    expect(back).toContain('manager/src/usage-accounting.ts');
    // The walk the providers-openai README lists under "How a chat call runs" is this one.
    expect(readmeWalk()).toEqual([...outbound].sort());
  }, 90_000);
});

/** The numbered `packages/<package>/src/…` list of providers-openai's "How a chat call runs". */
function readmeWalk(): string[] {
  const readme = readFileSync(
    path.resolve(import.meta.dirname, '..', '..', 'providers-openai', 'README.md'),
    'utf8',
  );
  const section = readme.slice(readme.indexOf('## How a chat call runs'));
  return [...section.matchAll(/^\d+\. `packages\/([^`]+)`$/gm)].map((match) => match[1]!).sort();
}
