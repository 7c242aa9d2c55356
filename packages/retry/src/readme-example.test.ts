import { LLMErrorType } from '@llm/core';
import { describe, expect, it } from 'vitest';
import { CircuitBreakerRegistry } from './circuit-breaker/circuit-breaker-registry';
import { createResiliencePipeline } from './resilience-pipeline';
import { providerError } from './__tests__/llm-errors';
import { createTestClock } from './__tests__/test-clock';

describe('README example', () => {
  it('retries a 503 and returns the answer, reporting the retry', async () => {
    const clock = createTestClock();
    let calls = 0;
    const provider = {
      async chatCompletion(_request: { model: string }, options: { signal: AbortSignal }) {
        calls += 1;
        if (calls === 1) throw providerError(LLMErrorType.SERVER_ERROR, { statusCode: 503 });
        return { content: `ok (aborted: ${options.signal.aborted})`, usage: { total_tokens: 900 } };
      },
    };
    const request = { model: 'gpt-4o' };
    const warnings: string[] = [];

    // The README's code, with a test clock and random source injected.
    const breakers = new CircuitBreakerRegistry();
    const pipeline = createResiliencePipeline({
      providerName: 'openai',
      circuitBreaker: { failure_threshold: 5, cooldown: 30_000 },
      rateLimit: { requests_per_second: 5, burst: 5, tokens_per_minute: 90_000 },
      timeouts: { request: 30_000, first_chunk: 20_000 },
      breakers,
      clock,
      random: () => 0.5,
    });
    pipeline.on('retry', ({ attempt, error, delayMs }) =>
      warnings.push(`attempt ${attempt}: ${error.type}, retry in ${delayMs} ms`),
    );
    const response = pipeline.execute(
      ({ signal }) => provider.chatCompletion(request, { signal }),
      {
        model: request.model,
        estimatedTokens: 1200,
        actualTokens: (result) => result.usage.total_tokens,
      },
    );

    await expect(clock.runUntilSettled(response)).resolves.toMatchObject({
      content: 'ok (aborted: false)',
    });
    expect(warnings).toEqual(['attempt 1: server_error, retry in 750 ms']);
  });
});
