import { afterEach, describe, expect, it } from 'vitest';
import { startCliFixture, type CliFixture } from '../__tests__/cli-fixture';

let fixture: CliFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

describe('llm config show', () => {
  it('prints TOML with the secret redacted', async () => {
    fixture = await startCliFixture();
    const result = await fixture.run('config', 'show');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^\[llm\]$/m);
    expect(result.stdout).toMatch(/^\[llm\.providers\.openai\]$|^\[\[llm\.providers\]\]$/m);
    expect(result.stdout).toMatch(/api_key = "/);
    expect(result.stdout).not.toContain('sk-cli-secret-987654');
  });

  it('says with --sources which file line or variable each value came from', async () => {
    fixture = await startCliFixture();
    const table = await fixture.run('config', 'show', '--sources');
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(
      /^llm\.providers\.openai\.api_key\s+\S+llm\.toml:\d+:1 via \$CLI_TEST_OPENAI_KEY$/m,
    );
    expect(table.stdout).not.toContain('sk-cli-secret-987654');
    const json = await fixture.run('config', 'show', '--sources', '--json');
    expect(JSON.parse(json.stdout)).toContainEqual(
      expect.objectContaining({ path: 'llm.default_provider', kind: 'file', line: 2 }),
    );
  });

  it('shows the providers of a start without a config file as coming from the environment', async () => {
    fixture = await startCliFixture();
    const env = {
      env: {
        OPENAI_API_KEY: 'sk-env-only-123456',
        XDG_CONFIG_HOME: `${fixture.directory}/none`,
        LLM_CONFIG: '',
      },
      cwd: `${fixture.directory}/history`,
    };
    await import('node:fs/promises').then((fs) => fs.mkdir(env.cwd, { recursive: true }));
    const result = await fixture.runWith(env, 'config', 'show', '--sources');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^llm\.providers\.openai\.api_key\s+code via \$OPENAI_API_KEY$/m);
  });
});
