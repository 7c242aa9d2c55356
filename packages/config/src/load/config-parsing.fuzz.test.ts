import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildConfig } from '../pipeline/build-config';
import { parseConfigText } from '../sources/read-config-source';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '../__fixtures__/valid');
const seeds = ['seed-001.toml', 'full.toml', 'providers.json'].map((name) => ({
  name,
  text: readFileSync(join(fixtures, name), 'utf8'),
}));
const ALPHABET = [
  '"',
  "'",
  '[',
  ']',
  '{',
  '}',
  '=',
  ',',
  '.',
  '#',
  '\n',
  ' ',
  '$',
  '{',
  'x',
  '1',
  '-',
  ':',
  '\\',
  '"""',
];
const SECRET = 'sk-fuzz-secret-value';

/** A small deterministic generator (mulberry32), so a failure reproduces. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

function mutate(text: string, next: () => number): string {
  let result = text;
  const edits = 1 + Math.floor(next() * 4);
  for (let edit = 0; edit < edits; edit++) {
    const at = Math.floor(next() * result.length);
    const choice = next();
    if (choice < 0.4) result = result.slice(0, at) + result.slice(at + 1 + Math.floor(next() * 8));
    else if (choice < 0.8)
      result =
        result.slice(0, at) + ALPHABET[Math.floor(next() * ALPHABET.length)] + result.slice(at);
    else
      result = result.slice(0, at) + result.slice(at).replace(/\n/, '\n\n[llm.providers.openai]\n');
  }
  return result;
}

describe('config parsing under random edits', () => {
  it('never throws, and every issue is a single line located inside the file', () => {
    const next = random(20240601);
    for (let round = 0; round < 600; round++) {
      const seed = seeds[round % seeds.length]!;
      const text = mutate(seed.text, next);
      const lineCount = text.split('\n').length;
      const file = parseConfigText(text, seed.name);
      const result = buildConfig({
        file,
        env: { OPENAI_API_KEY: SECRET, CLAUDE_API_KEY: SECRET },
        baseDirectory: fixtures,
      });
      expect(result.config !== undefined || result.issues.length > 0).toBe(true);
      for (const issue of result.issues) {
        expect(issue.message).not.toContain('\n');
        expect(issue.message).not.toContain(SECRET);
        if (issue.file === seed.name && issue.line !== undefined)
          expect(issue.line).toBeLessThanOrEqual(lineCount + 1);
      }
    }
  });
});
