import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { configValidateCommand } from './config-validate';

let directory: string | undefined;
afterEach(async () => {
  if (directory) await rm(directory, { recursive: true, force: true });
  directory = undefined;
});

const CONFIG = `[llm]
[llm.providers.openai]
type = "openai"
api_key = "\${OPENAI_API_KEY}"

[llm.providers.claude]
type = "claude"
api_key = "\${ANTHROPIC_API_KEY}"
`;

async function validate(...flags: string[]) {
  directory = await mkdtemp(path.join(os.tmpdir(), 'llm-config-validate-'));
  const configFile = path.join(directory, 'llm.toml');
  await writeFile(configFile, CONFIG);
  let stdout = '';
  let stderr = '';
  const code = await configValidateCommand.run(
    {
      values: { config: configFile, ...Object.fromEntries(flags.map((flag) => [flag, true])) },
      positionals: [],
    },
    {
      stdout: (text) => void (stdout += text),
      stderr: (text) => void (stderr += text),
      env: { OPENAI_API_KEY: 'sk-validate-test' },
      cwd: directory,
    },
  );
  return { code, stdout, stderr };
}

describe('llm config validate', () => {
  it('reports a provider whose secret variable is unset as a warning and exits 0', async () => {
    const result = await validate();
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/is valid \(2 provider\(s\)\)/);
    expect(result.stderr).toContain('1 warning(s)');
    expect(result.stderr).toMatch(
      /llm\.toml:8:1\s+llm\.providers\.claude\.api_key\s+environment variable ANTHROPIC_API_KEY is not set: provider "claude" is disabled until it is/,
    );
  });

  it('fails on that warning with --strict', async () => {
    const result = await validate('strict');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('1 problem(s)');
    expect(result.stderr).toContain('ANTHROPIC_API_KEY is not set');
  });
});
