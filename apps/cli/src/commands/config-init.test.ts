import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '@llm/config';
import { afterEach, describe, expect, it } from 'vitest';
import { startCliFixture, type CliFixture } from '../__tests__/cli-fixture';

let fixture: CliFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

describe('llm config init', () => {
  it('writes a commented file with keys as ${ENV} references that loads as a valid config', async () => {
    fixture = await startCliFixture();
    const out = path.join(fixture.directory, 'new.toml');
    const result = await fixture.run(
      'config',
      'init',
      '--providers',
      'openai,claude,deepseek',
      '--out',
      'new.toml',
    );
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout).toContain('Set OPENAI_API_KEY, ANTHROPIC_API_KEY, DEEPSEEK_API_KEY');
    const text = await readFile(out, 'utf8');
    expect(text).toContain('api_key = "${OPENAI_API_KEY}"');
    expect(text).toMatch(/^# /m);
    const config = await loadConfig({
      configFile: out,
      env: {
        OPENAI_API_KEY: 'sk-a-123456',
        ANTHROPIC_API_KEY: 'sk-b-123456',
        DEEPSEEK_API_KEY: 'sk-c-123456',
      },
    });
    expect(config.providers.map((provider) => provider.name)).toEqual([
      'openai',
      'claude',
      'deepseek',
    ]);
    expect(config.default_provider).toBe('openai');
    expect(config.default_model).toBe('openai/gpt-4o-mini');
  });

  it('writes the user-level file with --global and refuses to replace a file without --force', async () => {
    fixture = await startCliFixture();
    const first = await fixture.run('config', 'init', '--global');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(path.join(fixture.directory, 'xdg-config', 'llm', 'llm.toml'));
    const again = await fixture.run('config', 'init', '--global');
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/exists; pass --force to replace it/);
    expect((await fixture.run('config', 'init', '--global', '--force')).code).toBe(0);
  });

  it('names an unknown provider with a suggestion', async () => {
    fixture = await startCliFixture();
    const result = await fixture.run('config', 'init', '--providers', 'opnai', '--out', 'x.toml');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown provider "opnai" \(did you mean "openai"\?\)/);
  });
});
