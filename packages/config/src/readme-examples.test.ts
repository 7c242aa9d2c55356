import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatConfigIssues } from './issues/config-error';
import { validateConfig } from './load/load-config';

const readme = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../README.md'), 'utf8');
const blocks = [...readme.matchAll(/```(\w*)\n([\s\S]*?)```/g)].map(([, language, body]) => ({
  language,
  body: body!,
}));
const tomlBlocks = blocks.filter((block) => block.language === 'toml');

async function validateText(text: string, env: Record<string, string>) {
  const directory = mkdtempSync(join(tmpdir(), 'llm-config-readme-'));
  writeFileSync(join(directory, 'llm.toml'), text);
  return {
    directory,
    result: await validateConfig({ configFile: join(directory, 'llm.toml'), env, dotenv: false }),
  };
}

describe('README examples', () => {
  it('the file example is a valid configuration', async () => {
    const { result } = await validateText(tomlBlocks[0]!.body, { OPENAI_API_KEY: 'sk-readme' });
    expect(result.issues).toEqual([]);
  });

  it('the validation example prints exactly the documented output', async () => {
    const input = tomlBlocks.find((block) => block.body.includes('api_kye'))!.body;
    const output = blocks[blocks.findIndex((block) => block.body === input) + 1]!.body.trim();
    const { directory, result } = await validateText(input, {
      LLM_PROVIDERS__CLAUDE__TIMEOUT: '30s',
    });
    expect(formatConfigIssues(result.issues, { cwd: directory })).toBe(output);
  });
});
