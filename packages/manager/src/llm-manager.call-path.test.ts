import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

interface CallPath {
  readonly outbound: readonly string[];
  readonly back: readonly string[];
}

/** The source files one warm chat call runs code in, traced in a fresh process on the built packages. */
async function tracedCallPath(): Promise<CallPath> {
  const script = path.resolve(import.meta.dirname, '..', 'scripts', 'trace-call-path.mjs');
  const { stdout } = await run(process.execPath, [script, '--json'], { timeout: 60_000 });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as CallPath;
}

describe('the chat call path', () => {
  it('runs through at most twelve files of the manager, the router and retry with a default config, none of the layers with nothing to do', async () => {
    const { outbound, back } = await tracedCallPath();
    const ours = outbound.filter((file) => /^(manager|router|retry)\//.test(file));
    expect(ours.length).toBeLessThanOrEqual(12);
    expect(outbound).toEqual(
      expect.arrayContaining([
        'manager/src/llm-manager.ts',
        'manager/src/routed-attempts.ts',
        'manager/src/call-session.ts',
        'router/src/route-plan.ts',
        'retry/src/resilience-pipeline.ts',
        'retry/src/retry-policy.ts',
        'retry/src/circuit-breaker/circuit-breaker.ts',
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
    // The answer is priced and recorded on the way back.
    expect(back).toContain('manager/src/usage-accounting.ts');
  }, 90_000);
});
