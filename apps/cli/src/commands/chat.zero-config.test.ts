import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { startCliFixture, type CliFixture } from '../__tests__/cli-fixture';

let fixture: CliFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

describe('llm chat without a config file', () => {
  it('uses OPENAI_API_KEY and OPENAI_BASE_URL, takes any model, and prices it from the catalog', async () => {
    fixture = await startCliFixture();
    await rm(fixture.configFile);
    fixture.simulator.script({
      reply: { text: 'priced', usage: { prompt_tokens: 1000, completion_tokens: 1000 } },
    });
    const env = {
      env: {
        OPENAI_API_KEY: 'sk-zero-config-123456',
        OPENAI_BASE_URL: fixture.simulator.openaiBaseURL,
        LLM_DATA_DIR: `${fixture.directory}/data`,
        XDG_CONFIG_HOME: `${fixture.directory}/xdg`,
      },
    };
    const chat = await fixture.runWith(env, 'chat', '-m', 'gpt-4o-mini', '--json', 'hi');
    expect(chat.code).toBe(0);
    const answer = JSON.parse(chat.stdout) as { content: string; usage: { cost: number } };
    expect(answer.content).toBe('priced');
    // The catalog's gpt-4o-mini: 0.15 USD in, 0.60 USD out per million tokens.
    expect(answer.usage.cost).toBeCloseTo((1000 * 0.15 + 1000 * 0.6) / 1e6, 12);
    expect(fixture.simulator.requests[0]!.headers['authorization']).toBe(
      'Bearer sk-zero-config-123456',
    );
    const summary = await fixture.runWith(env, 'usage', 'summary', '--json');
    expect(JSON.parse(summary.stdout)).toEqual([
      expect.objectContaining({ model_name: 'gpt-4o-mini', total_requests: 1 }),
    ]);
  });

  it('sends a Claude model to the Claude provider when both keys are set', async () => {
    fixture = await startCliFixture();
    await rm(fixture.configFile);
    const env = {
      env: {
        OPENAI_API_KEY: 'sk-zero-config-123456',
        OPENAI_BASE_URL: fixture.simulator.openaiBaseURL,
        ANTHROPIC_API_KEY: 'sk-ant-zero-123456',
        ANTHROPIC_BASE_URL: fixture.simulator.anthropicBaseURL,
        LLM_DATA_DIR: `${fixture.directory}/data`,
        XDG_CONFIG_HOME: `${fixture.directory}/xdg`,
      },
    };
    const claude = await fixture.runWith(env, 'chat', '-m', 'claude-sonnet-4-20250514', 'hi');
    expect(claude.code).toBe(0);
    const openai = await fixture.runWith(env, 'chat', '-m', 'gpt-4o-mini', 'hi');
    expect(openai.code).toBe(0);
    expect(fixture.simulator.requests.map((request) => request.protocol)).toEqual([
      'anthropic',
      'openai',
    ]);
  });

  it('says how to configure when there is neither a file nor a key', async () => {
    fixture = await startCliFixture();
    await rm(fixture.configFile);
    const chat = await fixture.run('chat', 'hi');
    expect(chat.code).toBe(2);
    expect(chat.stderr).toMatch(/^error: No config: pass --config <file>, set LLM_CONFIG, create/);
  });
});
