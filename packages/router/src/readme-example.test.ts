import { createManualClock, LLMError, toLLMError } from '@llm/core';
import { describe, expect, it } from 'vitest';
import { providerError } from './__tests__/routing-fixtures';
import { createRouter } from './route-plan';
import type { Candidate } from './resolve-candidates';

describe('README example', () => {
  it('fails over from a 503ing primary to the fallback and reports the fallback', async () => {
    const clock = createManualClock();
    const sleep = (ms: number) => {
      const done = clock.sleep(ms);
      void clock.advance(ms);
      return done;
    };
    const sent: string[] = [];
    const send = async (candidate: Candidate, _apiKey: string | undefined) => {
      sent.push(candidate.id);
      if (candidate.provider === 'openai') throw providerError('server_error', { statusCode: 503 });
      return `answer from ${candidate.id}`;
    };
    const warnings: string[] = [];
    const console = { warn: (line: string) => warnings.push(line) };

    // The README's code, with a manual clock injected.
    const router = createRouter({
      clock,
      catalog: {
        logicalModels: [
          {
            name: 'fast',
            deployments: [{ provider: 'openai', model: 'gpt-4o-mini' }],
            fallbacks: ['claude/claude-haiku-4-5-20251001'],
            context_window_fallbacks: [],
          },
        ],
        providers: [
          { name: 'openai', models: [{ name: 'gpt-4o-mini' }] },
          { name: 'claude', models: [{ name: 'claude-haiku-4-5-20251001' }] },
        ],
      },
    });
    router.on('fallback', ({ from, to, errorType }) =>
      console.warn(`${from} -> ${to} (${errorType})`),
    );

    async function call(model: string): Promise<string> {
      const plan = router.plan(model);
      for (let step = plan.first(); ;) {
        if (step.done) throw step.error; // carries every attempt in `attempts`
        await sleep(step.delayMs);
        try {
          const answer = await send(step.candidate, step.key?.apiKey);
          plan.succeeded();
          return answer;
        } catch (error) {
          step = plan.failed(toLLMError(error));
        }
      }
    }

    await expect(call('fast')).resolves.toBe('answer from claude/claude-haiku-4-5-20251001');
    expect(sent).toEqual([
      'openai/gpt-4o-mini',
      'openai/gpt-4o-mini',
      'openai/gpt-4o-mini',
      'claude/claude-haiku-4-5-20251001',
    ]);
    expect(warnings).toEqual([
      'openai/gpt-4o-mini -> claude/claude-haiku-4-5-20251001 (server_error)',
    ]);
    await expect(call('gpt-4o')).rejects.toSatisfy(
      (error) => LLMError.is(error) && error.type === 'model_not_found',
    );
  });
});
