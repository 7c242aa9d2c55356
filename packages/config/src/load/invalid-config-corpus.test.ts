import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatConfigIssues } from '../issues/config-error';
import { validateConfig } from './load-config';

const directory = join(dirname(fileURLToPath(import.meta.url)), '../__fixtures__/invalid');
const SECRET = 'sk-fixture-secret-value-1234';
const fixtures = readdirSync(directory).filter(
  (name) => /\.(toml|json)$/.test(name) && !name.endsWith('.environment.json'),
);
const stem = (name: string) => name.replace(/\.(toml|json)$/, '');

async function issuesOf(name: string) {
  const sidecar = join(directory, `${stem(name)}.environment.json`);
  const extra = existsSync(sidecar)
    ? (JSON.parse(readFileSync(sidecar, 'utf8')) as Record<string, string>)
    : {};
  return validateConfig({
    configFile: join(directory, name),
    env: { OPENAI_API_KEY: SECRET, ...extra },
    dotenv: false,
    overridesFile: false,
  });
}

describe('the malformed-config corpus', () => {
  it('holds at least 30 malformed configs, each with its expected messages', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(30);
    for (const name of fixtures)
      expect(existsSync(join(directory, `${stem(name)}.expected`)), name).toBe(true);
  });

  it.each(fixtures)('%s yields its specific readable messages', async (name) => {
    const result = await issuesOf(name);
    expect(result.valid).toBe(false);
    const expected = readFileSync(join(directory, `${stem(name)}.expected`), 'utf8').trim();
    expect(formatConfigIssues(result.issues, { cwd: directory })).toBe(expected);
  });

  it.each(fixtures)('%s locates every issue by path or file line', async (name) => {
    for (const issue of (await issuesOf(name)).issues) {
      expect(
        issue.path !== '' || issue.line !== undefined || issue.file !== undefined,
        JSON.stringify(issue),
      ).toBe(true);
      if (issue.file && issue.file.endsWith(name))
        expect(issue.line, JSON.stringify(issue)).toBeGreaterThan(0);
      expect(JSON.stringify(issue)).not.toContain(SECRET);
      expect(issue.message).not.toMatch(/\n|at .+:\d+:\d+\)/);
    }
  });
});
