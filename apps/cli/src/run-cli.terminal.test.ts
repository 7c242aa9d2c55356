import { writeFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { claudeProviderToml, startCliFixture, type CliFixture } from './__tests__/cli-fixture';
import { colorEnabled } from './format/colors';

let fixture: CliFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

const ESCAPE = '\u001b[';

describe('llm on a terminal, --version and exit codes', () => {
  it('prints its version', async () => {
    fixture = await startCliFixture();
    const result = await fixture.run('--version');
    expect(result).toMatchObject({ code: 0, stdout: expect.stringMatching(/^\d+\.\d+\.\d+\n$/) });
  });

  it('colours a table on a terminal, and not with NO_COLOR, --no-color or a pipe', async () => {
    fixture = await startCliFixture();
    const tty = await fixture.runWith({ stdoutIsTTY: true }, 'models');
    expect(tty.stdout).toContain(ESCAPE);
    const noColor = await fixture.runWith(
      { stdoutIsTTY: true, env: { NO_COLOR: '1', XDG_CONFIG_HOME: fixture.directory } },
      'models',
      '--config',
      fixture.configFile,
    );
    expect(noColor.stdout).not.toContain(ESCAPE);
    const flag = await fixture.runWith({ stdoutIsTTY: true }, 'models', '--no-color');
    expect(flag.stdout).not.toContain(ESCAPE);
    expect((await fixture.run('models')).stdout).not.toContain(ESCAPE);
    expect(
      colorEnabled(
        {
          ...fixture,
          stdout: () => undefined,
          stderr: () => undefined,
          env: { TERM: 'dumb' },
          cwd: '',
        },
        true,
      ),
    ).toBe(false);
  });

  it('exits 3 with every issue when a command meets an invalid configuration', async () => {
    fixture = await startCliFixture();
    await writeFile(fixture.configFile, '[llm]\ndefault_provider = 5\n');
    const result = await fixture.run('chat', 'hi');
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(
      /^error: invalid configuration\n.*llm\.toml:2:\d+\s+llm\.default_provider/,
    );
  });

  it('reports a fallback and a circuit change on stderr with --verbose', async () => {
    fixture = await startCliFixture();
    await fixture.writeConfig({
      extra: `${claudeProviderToml(fixture.simulator)}
[llm.providers.openai.retry]
max_attempts = 1

[llm.providers.openai.circuit_breaker]
failure_threshold = 1

[llm.models.resilient]
deployments = [{ provider = "openai", model = "gpt-4o-mini" }]
fallbacks = ["claude/claude-sonnet-4-20250514"]
`,
    });
    fixture.simulator.script({
      match: { protocol: 'openai' },
      error: { status: 500, message: 'down' },
    });
    const result = await fixture.run('chat', '-m', 'resilient', '--verbose', 'hi');
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /fallback: openai\/gpt-4o-mini failed \(server_error\); trying claude\/claude-sonnet-4-20250514/,
    );
    expect(result.stderr).toMatch(/circuit openai(\/gpt-4o-mini)?: closed -> open/);
  });
});
