import { describe, expect, it } from 'vitest';
import { openaiClient, sharedSimulator } from '../__tests__/clients';

const simulator = await sharedSimulator();
const openai = openaiClient(simulator);
const ask = (model = 'gpt-4o') =>
  openai.chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] });

describe('which request a script step answers', () => {
  it('leaves the models endpoint alone unless a step names its protocol or path', async () => {
    simulator.script({ reply: { text: 'for the chat call' } });
    const models = await openai.models.list();
    expect(models.data.length).toBeGreaterThan(0);
    expect(simulator.pendingSteps()).toBe(1);
    expect((await ask()).choices[0]?.message.content).toBe('for the chat call');
  });

  it('matches a string path exactly and nothing longer', async () => {
    simulator.script({ match: { path: '/v1/models' }, error: { status: 503 } });
    const model = await openai.models.retrieve('gpt-4o');
    expect(model.id).toBe('gpt-4o');
    expect(simulator.pendingSteps()).toBe(1);
    await expect(openai.models.list()).rejects.toMatchObject({ status: 503 });
    expect(simulator.pendingSteps()).toBe(0);
  });

  it('matches a global RegExp path on every request, not every other one', async () => {
    simulator.script({ match: { path: /models/g }, error: { status: 429 }, times: 3 });
    for (let i = 0; i < 3; i++) {
      await expect(openai.models.list({ maxRetries: 0 })).rejects.toMatchObject({ status: 429 });
    }
    expect(simulator.pendingSteps()).toBe(0);
  });

  it('matches by model, so a request for another model gets the default answer', async () => {
    simulator.script({ match: { model: 'gpt-4o-mini' }, reply: { text: 'mini only' } });
    expect((await ask('gpt-4o')).choices[0]?.message.content).toBe('hi');
    expect((await ask('gpt-4o-mini')).choices[0]?.message.content).toBe('mini only');
  });

  it('answers an unknown path only when a step names it, else with the dialect’s 404', async () => {
    const unknown = `${simulator.url}/v1/no-such-endpoint`;
    const refused = await fetch(unknown, { headers: { authorization: 'Bearer test' } });
    expect(refused.status).toBe(404);
    expect(await refused.json()).toMatchObject({
      error: { message: 'Invalid URL (GET /v1/no-such-endpoint)' },
    });
    simulator.script({ match: { path: '/v1/no-such-endpoint' }, error: { status: 418 } });
    expect((await fetch(unknown)).status).toBe(418);
  });

  it.each([
    [{ fault: 'explode' }, 'unknown fault "explode"'],
    [{ afterChunks: -1 }, 'afterChunks must be a whole number ≥ 0 (got -1)'],
    [{ delayMs: 1.5 }, 'delayMs must be a whole number ≥ 0 (got 1.5)'],
    [{ chunkDelayMs: Number.NaN }, 'chunkDelayMs must be a whole number ≥ 0 (got NaN)'],
  ])('refuses the step %j when it is scripted, naming the problem', (step, message) => {
    expect(() => simulator.script(step as never)).toThrow(
      `llm-sim: invalid script step: ${message}`,
    );
    expect(simulator.pendingSteps()).toBe(0);
  });
});
