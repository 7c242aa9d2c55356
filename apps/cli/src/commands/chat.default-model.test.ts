import { afterEach, describe, expect, it } from 'vitest';
import { claudeProviderToml, startCliFixture, type CliFixture } from '../__tests__/cli-fixture';

let fixture: CliFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

const SECOND_MODEL = `
[llm.providers.openai.models."gpt-4.1"]
max_tokens = 1000
`;

describe('llm chat with default_model', () => {
  it('sends a logical default_model without -m to its deployment', async () => {
    fixture = await startCliFixture();
    await fixture.writeConfig({
      llm: 'default_provider = "openai"\ndefault_model = "smart"\nusage_data_dir = "./usage"',
      extra: `${SECOND_MODEL}
[llm.models.smart]
deployments = [{ provider = "openai", model = "gpt-4.1" }]
`,
    });
    const result = await fixture.run('chat', 'hi', '--no-stream');
    expect(result.code).toBe(0);
    expect(fixture.simulator.requests[0]?.body).toMatchObject({ model: 'gpt-4.1' });
  });

  it('sends a provider/model default_model to that provider', async () => {
    fixture = await startCliFixture();
    await fixture.writeConfig({
      llm: 'default_provider = "openai"\ndefault_model = "claude/claude-sonnet-4-20250514"\nusage_data_dir = "./usage"',
      extra: claudeProviderToml(fixture.simulator),
    });
    const result = await fixture.run('chat', 'hi', '--json');
    expect(result.code).toBe(0);
    expect(fixture.simulator.requests[0]?.path).toContain('/messages');
    expect(JSON.parse(result.stdout)).toMatchObject({ model: 'claude-sonnet-4-20250514' });
  });

  it('lets -m and -p win over default_model', async () => {
    fixture = await startCliFixture();
    await fixture.writeConfig({
      llm: 'default_provider = "openai"\ndefault_model = "gpt-4.1"\nusage_data_dir = "./usage"',
      extra: SECOND_MODEL,
    });
    expect((await fixture.run('chat', 'hi', '-m', 'gpt-4o-mini')).code).toBe(0);
    expect((await fixture.run('chat', 'hi', '-p', 'openai')).code).toBe(0);
    expect(fixture.simulator.requests.map((request) => request.body)).toMatchObject([
      { model: 'gpt-4o-mini' },
      { model: 'gpt-4o-mini' },
    ]);
  });

  it('keeps the default provider’s first model when default_model is not set', async () => {
    fixture = await startCliFixture();
    const result = await fixture.run('chat', 'hi');
    expect(result.code).toBe(0);
    expect(fixture.simulator.requests[0]?.body).toMatchObject({ model: 'gpt-4o-mini' });
  });

  it('refuses an unknown default_model with exit 3, its file line and a did-you-mean', async () => {
    fixture = await startCliFixture();
    await fixture.writeConfig({
      llm: 'default_provider = "openai"\ndefault_model = "gpt-4o-mnii"\nusage_data_dir = "./usage"',
    });
    const result = await fixture.run('chat', 'hi');
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(
      /llm\.toml:3:1\s+llm\.default_model\s+"gpt-4o-mnii" is neither .*\(did you mean "gpt-4o-mini"\?\)/,
    );
    expect(fixture.simulator.requests).toHaveLength(0);
  });

  it('prints default_model in llm config show', async () => {
    fixture = await startCliFixture();
    await fixture.writeConfig({
      llm: 'default_provider = "openai"\ndefault_model = "gpt-4o-mini"\nusage_data_dir = "./usage"',
    });
    const result = await fixture.run('config', 'show');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('default_model = "gpt-4o-mini"');
  });
});
