import { describe, expect, it } from 'vitest';
import { AZURE_API_VERSION, sharedSimulator } from '../__tests__/clients';

const simulator = await sharedSimulator();
const content = 'A sentence long enough for several chunks.';

/** The SSE events of a raw streamed answer, in order. */
async function events(path: string, headers: Record<string, string>, body: object) {
  const response = await fetch(`${simulator.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return (await response.text()).split('\n\n').filter((event) => event.trim() !== '');
}

const dataOf = (event: string) =>
  event
    .split('\n')
    .filter((line) => line.startsWith('data:'))
    .map((line) => line.slice('data:'.length).trim())
    .join('\n');

const parses = (event: string) => {
  try {
    JSON.parse(dataOf(event));
    return true;
  } catch {
    return dataOf(event) === '[DONE]';
  }
};

const openAIStream = () =>
  events(
    '/v1/chat/completions',
    { authorization: 'Bearer test' },
    { model: 'gpt-4o', stream: true, messages: [{ role: 'user', content }] },
  );

describe('garbled-event', () => {
  it('OpenAI: inserts one event that is not JSON after afterChunks frames and sends the whole stream', async () => {
    const clean = await openAIStream();
    simulator.script({ fault: 'garbled-event', afterChunks: 3 });
    const garbled = await openAIStream();
    expect(garbled).toHaveLength(clean.length + 1);
    expect(garbled.map(parses).indexOf(false)).toBe(3);
    expect(garbled.filter((event) => !parses(event))).toHaveLength(1);
    const choices = (stream: string[]) =>
      stream
        .map(dataOf)
        .filter((data) => data !== '[DONE]')
        .map((data) => (JSON.parse(data) as { choices: unknown }).choices);
    expect(choices(garbled.filter(parses))).toEqual(choices(clean));
    expect(garbled.at(-1)).toBe('data: [DONE]');
  });

  it('Azure: the same on the deployment path', async () => {
    simulator.script({ fault: 'garbled-event', afterChunks: 1 });
    const garbled = await events(
      `/openai/deployments/prod/chat/completions?api-version=${AZURE_API_VERSION}`,
      { 'api-key': 'test' },
      { stream: true, messages: [{ role: 'user', content }] },
    );
    expect(garbled.map(parses).indexOf(false)).toBe(1);
    expect(garbled.at(-1)).toBe('data: [DONE]');
  });

  it('Anthropic: the garbled event has an event name and the stream still ends with message_stop', async () => {
    simulator.script({ fault: 'garbled-event' });
    const garbled = await events(
      '/v1/messages',
      { 'x-api-key': 'test', 'anthropic-version': '2023-06-01' },
      {
        model: 'claude-sonnet-5-5',
        max_tokens: 100,
        stream: true,
        messages: [{ role: 'user', content }],
      },
    );
    const broken = garbled.filter((event) => !parses(event));
    expect(broken).toHaveLength(1);
    expect(broken[0]).toMatch(/^event: content_block_delta\n/);
    expect(garbled.map(parses).indexOf(false)).toBe(2);
    expect(garbled.at(-1)).toMatch(/^event: message_stop/);
  });

  it('after every frame when afterChunks reaches the end, and not at all on a JSON answer', async () => {
    simulator.script({ fault: 'garbled-event', afterChunks: 1000 });
    const garbled = await openAIStream();
    expect(parses(garbled.at(-1)!)).toBe(false);
    simulator.script({ fault: 'garbled-event' });
    const response = await fetch(`${simulator.openaiBaseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer test' },
      body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content }] }),
    });
    expect(((await response.json()) as { choices: unknown[] }).choices).toHaveLength(1);
  });
});
