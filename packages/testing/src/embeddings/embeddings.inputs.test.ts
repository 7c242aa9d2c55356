import { describe, expect, it } from 'vitest';
import { openaiClient, sharedSimulator } from '../__tests__/clients';

const simulator = await sharedSimulator();
const openai = openaiClient(simulator);

describe('embeddings inputs as the OpenAI API takes them', () => {
  it('counts a token array by its length', async () => {
    const response = await openai.embeddings.create({
      model: 'text-embedding-3-small',
      input: [101, 102, 103],
      encoding_format: 'float',
    });
    expect(response.data).toHaveLength(1);
    expect(response.usage).toEqual({ prompt_tokens: 3, total_tokens: 3 });
  });

  it('answers a list of token arrays with one vector each, in order', async () => {
    const response = await openai.embeddings.create({
      model: 'text-embedding-3-small',
      input: [
        [1, 2],
        [3, 4, 5],
      ],
      encoding_format: 'float',
    });
    expect(response.data.map((item) => item.index)).toEqual([0, 1]);
    expect(response.usage.prompt_tokens).toBe(5);
  });

  it('sends no usage when the script says usage: null, as some compatible servers do', async () => {
    simulator.script({ reply: { usage: null } });
    const response = await fetch(`${simulator.url}/v1/embeddings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer test' },
      body: JSON.stringify({ model: 'text-embedding-3-small', input: 'text' }),
    });
    const body = (await response.json()) as Record<string, unknown>;
    expect(body['usage']).toBeUndefined();
    expect(body['model']).toBe('text-embedding-3-small');
  });
});
