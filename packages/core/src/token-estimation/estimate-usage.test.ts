import { beforeAll, describe, expect, it } from 'vitest';
import { encodingForModel } from './encoding-for-model';
import { estimateMessageTokens } from './estimate-message-tokens';
import { estimateTextTokens } from './estimate-text-tokens';
import { estimateUsage } from './estimate-usage';
import { loadTiktoken } from './load-tiktoken';

const request = {
  messages: [{ role: 'user' as const, content: 'How many moons does Mars have?' }],
};

// The rank tables are megabytes of JavaScript: load them once, outside any test's time limit.
beforeAll(() => {
  loadTiktoken(encodingForModel('gpt-4o')!);
}, 60_000);

describe('estimateUsage', () => {
  it('flags the numbers as estimated', () => {
    expect(estimateUsage(request, { text: 'Two.' }, 'gpt-4o').estimated).toBe(true);
  });

  it("counts the prompt with core's message estimate and the output with tiktoken", () => {
    const usage = estimateUsage(request, { text: 'Two: Phobos and Deimos.' }, 'gpt-4o');
    expect(usage.prompt_tokens).toBe(
      estimateMessageTokens(request.messages, { model: 'gpt-4o' }).tokens,
    );
    expect(usage.completion_tokens).toBe(
      estimateTextTokens('Two: Phobos and Deimos.', 'gpt-4o').tokens,
    );
    expect(usage.total_tokens).toBe(usage.prompt_tokens + usage.completion_tokens);
  });

  it('counts reasoning text and tool-call arguments as output', () => {
    const withoutExtras = estimateUsage(request, { text: 'x' }, 'deepseek-chat').completion_tokens;
    const withExtras = estimateUsage(
      request,
      {
        text: 'x',
        reasoning: 'Mars has two small moons.',
        toolCalls: [{ function: { name: 'lookup', arguments: '{"planet":"Mars"}' } }],
      },
      'deepseek-chat',
    ).completion_tokens;
    expect(withExtras).toBeGreaterThan(withoutExtras);
  });

  it('never reports a zero prompt for a non-empty conversation', () => {
    expect(estimateUsage(request, {}, 'some-local-model').prompt_tokens).toBeGreaterThan(0);
  });
});
