import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeConfigSources } from './config-value-sources';

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), 'llm-sources-'));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('describeConfigSources', () => {
  it('names the file line, the ${VAR} behind a value, and a variable that set one directly', async () => {
    const configFile = path.join(directory, 'llm.toml');
    await writeFile(
      configFile,
      '[llm]\ndefault_provider = "openai"\n\n[llm.providers.openai]\ntype = "openai"\napi_key = "${MY_KEY}"\n\n[llm.providers.openai.models."gpt-4.1"]\nmax_tokens = 10\n',
    );
    const entries = describeConfigSources({
      configFile,
      env: { MY_KEY: 'sk-sources-123456', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' },
      dotenv: false,
    });
    const byPath = new Map(entries.map((entry) => [entry.path, entry]));
    expect(byPath.get('llm.default_provider')).toMatchObject({
      kind: 'file',
      line: 2,
      description: `${configFile}:2:1`,
    });
    expect(byPath.get('llm.providers.openai.api_key')).toMatchObject({
      variables: ['MY_KEY'],
      description: `${configFile}:6:1 via $MY_KEY`,
    });
    expect(byPath.get('llm.providers.openai.models."gpt-4.1".max_tokens')?.line).toBe(9);
    expect(byPath.get('llm.providers.openai.base_url')).toMatchObject({
      kind: 'environment',
      description: '$OPENAI_BASE_URL',
    });
    expect(JSON.stringify(entries)).not.toContain('sk-sources-123456');
  });

  it('describes a configuration from code, with its references', () => {
    const entries = describeConfigSources({
      config: { llm: { providers: { openai: { type: 'openai', api_key: '${OPENAI_API_KEY}' } } } },
      env: { OPENAI_API_KEY: 'sk-code-123456' },
      cwd: directory,
      dotenv: false,
    });
    expect(entries.find((entry) => entry.path === 'llm.providers.openai.api_key')).toMatchObject({
      kind: 'code',
      description: 'code via $OPENAI_API_KEY',
    });
  });

  it('names array entries by index and an overrides file by its own lines', async () => {
    const configFile = path.join(directory, 'llm.toml');
    await writeFile(
      configFile,
      '[llm]\n\n[[llm.budgets]]\nperiod = "day"\nlimit = 5\n\n[[llm.budgets]]\nperiod = "month"\nlimit = 50\n',
    );
    await writeFile(
      path.join(directory, 'llm.overrides.json'),
      JSON.stringify({ llm: { display_currency: 'EUR' } }),
    );
    const entries = describeConfigSources({ configFile, env: {}, dotenv: false });
    const byPath = new Map(entries.map((entry) => [entry.path, entry]));
    expect(byPath.get('llm.budgets[1].limit')).toMatchObject({ kind: 'file', line: 9 });
    expect(byPath.get('llm.display_currency')).toMatchObject({ kind: 'overrides' });
    expect(entries.map((entry) => entry.path)).toEqual(
      [...entries.map((entry) => entry.path)].sort(),
    );
  });
});
