import { describe, expect, it } from 'vitest';
import { readFixtureJson, fixturePath } from './__tests__/fixtures';
import {
  drain,
  finishOf,
  genericConfig,
  reasoningOf,
  textOf,
  useSimulator,
} from './__tests__/simulator';
import { GenericProvider } from './generic-provider';

const simulator = useSimulator();
const deepseek = () =>
  new GenericProvider(genericConfig(simulator.current, { preset: 'deepseek' }));
const question = {
  model: 'deepseek-reasoner',
  messages: [{ role: 'user' as const, content: '9.11 or 9.8?' }],
};

describe('reasoning_content through the deepseek preset', () => {
  it('streams reasoning_content as reasoning-delta chunks before the answer', async () => {
    simulator.current.script({
      reply: { text: '9.8 is larger.', reasoning: 'Compare tenths: 1 < 8.', chunk_size: 5 },
    });
    const { chunks, error } = await drain(deepseek().streamCompletion(question));
    expect(error).toBeUndefined();
    expect(reasoningOf(chunks)).toBe('Compare tenths: 1 < 8.');
    expect(textOf(chunks)).toBe('9.8 is larger.');
    const firstText = chunks.findIndex((chunk) => chunk.type === 'text-delta');
    const lastReasoning = chunks.findLastIndex((chunk) => chunk.type === 'reasoning-delta');
    expect(lastReasoning).toBeLessThan(firstText);
    expect(finishOf(chunks).finish_reason).toBe('stop');
  });

  it('returns reasoning_content as response.reasoning', async () => {
    simulator.current.script({ reply: { text: '9.8', reasoning: 'Tenths decide.' } });
    const response = await deepseek().chatCompletion(question);
    expect(response).toMatchObject({ content: '9.8', reasoning: 'Tenths decide.' });
  });

  it("reads DeepSeek's usage: cache hits as cached_tokens, reasoning tokens kept", async () => {
    const recorded = readFixtureJson<{
      choices: Array<{ message: { content: string; reasoning_content: string } }>;
    }>('deepseek-reasoner.json');
    simulator.current.script({ replay: fixturePath('deepseek-reasoner.json') });
    const response = await deepseek().chatCompletion(question);
    expect(response.content).toBe(recorded.choices[0]?.message.content);
    expect(response.reasoning).toBe(recorded.choices[0]?.message.reasoning_content);
    expect(response.usage).toEqual({
      prompt_tokens: 64,
      completion_tokens: 180,
      total_tokens: 244,
      cached_tokens: 48,
      reasoning_tokens: 160,
    });
    expect(response.metadata.raw_usage).toMatchObject({ prompt_cache_miss_tokens: 16 });
  });
});
