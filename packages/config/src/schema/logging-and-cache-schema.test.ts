import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, validateConfig } from '../load/load-config';

function configFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'llm-config-')), 'llm.toml');
  writeFileSync(file, text);
  return file;
}

const options = { env: {}, dotenv: false, overridesFile: false } as const;

describe('[llm.logging] and [llm.cache]', () => {
  it('loads both tables with durations in milliseconds', async () => {
    const file = configFile(
      [
        '[llm.logging]',
        'level = "info"',
        'log_content = true',
        'max_content_bytes = 4096',
        '[llm.cache]',
        'enabled = true',
        'ttl = 60000',
        'max_entries = 50',
        'max_bytes = 1048576',
        'operations = ["chat"]',
        'include_nondeterministic = true',
      ].join('\n'),
    );
    const config = await loadConfig({ ...options, configFile: file });
    expect(config.logging).toEqual({ level: 'info', log_content: true, max_content_bytes: 4096 });
    expect(config.cache).toEqual({
      enabled: true,
      ttl: 60000,
      max_entries: 50,
      max_bytes: 1048576,
      operations: ['chat'],
      include_nondeterministic: true,
    });
  });

  it('names an unknown key of [llm.cache] with its line and the key it resembles', async () => {
    const file = configFile('[llm.cache]\nenabled = true\nmax_entires = 10\n');
    const result = await validateConfig({ ...options, configFile: file });
    expect(result.valid).toBe(false);
    expect(result.issues[0]).toMatchObject({
      path: 'llm.cache.max_entires',
      line: 3,
      suggestion: 'max_entries',
    });
  });

  it('refuses a log level pino does not know, naming the key', async () => {
    const file = configFile('[llm.logging]\nlevel = "verbose"\n');
    const result = await validateConfig({ ...options, configFile: file });
    expect(result.valid).toBe(false);
    expect(result.issues[0]?.path).toBe('llm.logging.level');
  });

  it('takes the level from LLM_LOGGING__LEVEL like every other key', async () => {
    const config = await loadConfig({ ...options, env: { LLM_LOGGING__LEVEL: 'debug' } });
    expect(config.logging?.level).toBe('debug');
  });
});
