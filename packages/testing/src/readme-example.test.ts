import OpenAI from 'openai';
import { expect, it } from 'vitest';
import { simulatorPromptTokens, simulatorTokenCount, startSimulator } from './index';

// The README's example, run as written.
it('runs the README example', async () => {
  const simulator = await startSimulator();
  const openai = new OpenAI({ baseURL: simulator.openaiBaseURL, apiKey: 'test', maxRetries: 0 });
  const messages = [{ role: 'user' as const, content: 'Hello!' }];

  const echo = await openai.chat.completions.create({ model: 'gpt-4o', messages });
  expect(echo.choices[0]?.message.content).toBe('Hello!');
  expect(echo.usage?.prompt_tokens).toBe(simulatorPromptTokens(messages));
  expect(echo.usage?.completion_tokens).toBe(simulatorTokenCount('Hello!'));

  simulator.script({ error: { status: 429 }, headers: { 'retry-after': '2' } });
  const status = await openai.chat.completions
    .create({ model: 'gpt-4o', messages })
    .catch((error: { status: number }) => error.status);
  expect(status).toBe(429);
  await simulator.close();
});
