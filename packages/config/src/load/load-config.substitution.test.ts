import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, validateConfig } from './load-config';

function configFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'llm-config-substitution-')), 'llm.toml');
  writeFileSync(file, text);
  return file;
}

const PROVIDER = `[llm.providers.openai]
type = "openai"
api_key = "sk-test"
`;

describe('${VAR} substitution into numbers and booleans', () => {
  it('fills a number from ${T:-1000} (the default) and from a set variable', async () => {
    const file = configFile(`${PROVIDER}timeout = "\${T:-1000}"\nmax_retries = "\${RETRIES}"\n`);
    const config = await loadConfig({ configFile: file, env: { RETRIES: '2' }, dotenv: false });
    expect(config.providers[0]).toMatchObject({ timeout: 1000, max_retries: 2 });
  });

  it('fills a boolean from a variable (true/false/1/0/yes/no/on/off)', async () => {
    const file = configFile(`${PROVIDER}enabled = "\${OPENAI_ON}"\n`);
    const off = await loadConfig({ configFile: file, env: { OPENAI_ON: 'no' }, dotenv: false });
    expect(off.providers[0]?.enabled).toBe(false);
    const on = await loadConfig({ configFile: file, env: { OPENAI_ON: 'true' }, dotenv: false });
    expect(on.providers[0]?.enabled).toBe(true);
  });

  it('fills numbers inside nested tables such as retry and pricing', async () => {
    const file = configFile(
      `[llm.retry]\nmax_attempts = "\${ATTEMPTS:-4}"\n\n${PROVIDER}\n[llm.providers.openai.models.gpt-4o.pricing]\ninput_price = "\${IN}"\noutput_price = "\${OUT}"\n`,
    );
    const config = await loadConfig({
      configFile: file,
      env: { IN: '2.5', OUT: '10' },
      dotenv: false,
    });
    expect(config.retry?.max_attempts).toBe(4);
    expect(config.providers[0]?.models[0]?.pricing).toMatchObject({
      input_price: 2.5,
      output_price: 10,
    });
  });

  it('keeps a substituted value as text where the schema expects text', async () => {
    const file = configFile(`[llm.providers.openai]\ntype = "openai"\napi_key = "\${KEY}"\n`);
    const config = await loadConfig({ configFile: file, env: { KEY: '12345' }, dotenv: false });
    expect(config.providers[0]?.api_key).toBe('12345');
  });

  it('reports a substituted value that is not a number with its path, line and template, without the value', async () => {
    const file = configFile(`${PROVIDER}timeout = "\${T}"\n`);
    const result = await validateConfig({
      configFile: file,
      env: { T: 'thirty-seconds' },
      dotenv: false,
    });
    expect(result.valid).toBe(false);
    expect(result.issues).toEqual([
      {
        path: 'llm.providers.openai.timeout',
        message: 'expected a number, but "${T}" substitutes to text that is not one',
        file,
        line: 4,
        column: 1,
      },
    ]);
    expect(JSON.stringify(result.issues)).not.toContain('thirty-seconds');
  });

  it('reports a substituted value that is not a boolean', async () => {
    const file = configFile(`${PROVIDER}enabled = "\${ON:-maybe}"\n`);
    const result = await validateConfig({ configFile: file, env: {}, dotenv: false });
    expect(result.issues.map((issue) => [issue.path, issue.message, issue.line])).toEqual([
      [
        'llm.providers.openai.enabled',
        'expected true or false, but "${ON:-maybe}" substitutes to text that is not one',
        4,
      ],
    ]);
  });
});
