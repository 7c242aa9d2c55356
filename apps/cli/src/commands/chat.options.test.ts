import { afterEach, describe, expect, it } from 'vitest';
import { startCliFixture, type CliFixture } from '../__tests__/cli-fixture';

let fixture: CliFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

describe('llm chat options', () => {
  it('refuses a call without a prompt, sending nothing', async () => {
    fixture = await startCliFixture();
    const result = await fixture.run('chat');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('chat needs a prompt: llm chat "Hello"');
    expect(fixture.simulator.requests).toHaveLength(0);
  });

  it('refuses a --temperature that is not a number, naming the value', async () => {
    fixture = await startCliFixture();
    const result = await fixture.run('chat', 'hi', '--temperature', 'warm');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--temperature takes a number (got "warm")');
    expect(fixture.simulator.requests).toHaveLength(0);
  });

  it('sends --system first, then the prompt, with --max-tokens and --temperature', async () => {
    fixture = await startCliFixture();
    const result = await fixture.run(
      'chat',
      'What is 2+2?',
      '--system',
      'Answer with a number.',
      '--max-tokens',
      '20',
      '--temperature',
      '0.5',
    );
    expect(result.code).toBe(0);
    expect(fixture.simulator.requests[0]?.body).toMatchObject({
      messages: [
        { role: 'system', content: 'Answer with a number.' },
        { role: 'user', content: 'What is 2+2?' },
      ],
      max_tokens: 20,
      temperature: 0.5,
    });
  });

  it('prints a streamed answer as one JSON document with --stream --json, nothing streamed raw', async () => {
    fixture = await startCliFixture();
    fixture.simulator.script({
      reply: { text: 'streamed answer', usage: { prompt_tokens: 9, completion_tokens: 2 } },
    });
    const result = await fixture.run('chat', 'hi', '--stream', '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      content: 'streamed answer',
      model: 'gpt-4o-mini',
      finish_reason: 'stop',
      usage: { prompt_tokens: 9, completion_tokens: 2 },
    });
    expect(result.stderr).toBe('');
  });

  it('prints the tool calls the model asked for after the answer', async () => {
    fixture = await startCliFixture();
    fixture.simulator.script({
      reply: { tool_calls: [{ name: 'get_weather', arguments: '{"city":"Paris"}' }] },
    });
    const result = await fixture.run('chat', 'weather in Paris?');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('tool call get_weather({"city":"Paris"})');
  });

  it('collects streamed tool calls into the JSON result', async () => {
    fixture = await startCliFixture();
    fixture.simulator.script({
      reply: { tool_calls: [{ name: 'get_time', arguments: '{}' }] },
    });
    const result = await fixture.run('chat', 'time?', '--stream', '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).tool_calls).toEqual([
      expect.objectContaining({ function: expect.objectContaining({ name: 'get_time' }) }),
    ]);
  });
});
