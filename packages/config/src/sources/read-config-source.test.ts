import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfigText, readConfigSource } from './read-config-source';

describe('parseConfigText', () => {
  it('parses TOML and keeps key positions', () => {
    const source = parseConfigText('[llm]\ndefault_provider = "openai"\n', 'llm.toml');
    expect(source.data).toEqual({ llm: { default_provider: 'openai' } });
    expect(source.positions.get('llm.default_provider')).toEqual({ line: 2, column: 1 });
  });

  it('reports a TOML syntax error with line and column but without the code excerpt', () => {
    const source = parseConfigText('[llm]\napi_key = "sk-secret-value\n', 'llm.toml');
    expect(source.data).toBeUndefined();
    expect(source.issues).toEqual([
      {
        path: '',
        message: 'TOML syntax error: control characters are not allowed in strings',
        file: 'llm.toml',
        line: 2,
        column: 27,
      },
    ]);
    expect(JSON.stringify(source.issues)).not.toContain('sk-secret');
  });

  it('reports a model defined twice through quoted and bare keys instead of a bare syntax error', () => {
    const text =
      '[llm.providers.openai.models.gpt-4]\nmax_tokens = 1\n\n[llm.providers.openai.models."gpt-4"]\nmax_tokens = 2\n';
    expect(parseConfigText(text, 'llm.toml').issues).toEqual([
      {
        path: 'llm.providers.openai.models.gpt-4',
        message: 'model "gpt-4" is defined twice (first at line 1)',
        file: 'llm.toml',
        line: 4,
        column: 1,
      },
    ]);
  });

  it('parses JSON files by extension and reports duplicate keys JSON.parse would hide', () => {
    expect(parseConfigText('{"llm": {}}', 'llm.json').data).toEqual({ llm: {} });
    const duplicate = parseConfigText('{"llm": {"providers": {"a": {}, "a": {}}}}', 'llm.json');
    expect(duplicate.issues[0]?.message).toBe('provider "a" is defined twice (first at line 1)');
  });

  it('rejects a JSON document that is not an object', () => {
    expect(parseConfigText('[1, 2]', 'llm.json').issues[0]?.message).toBe(
      'expected a JSON object at the top level',
    );
  });
});

describe('readConfigSource', () => {
  const directory = mkdtempSync(join(tmpdir(), 'llm-config-read-'));

  it('reports a missing required file', () => {
    const source = readConfigSource(join(directory, 'missing.toml'), { required: true });
    expect(source.issues).toEqual([
      { path: '', message: 'file not found', file: join(directory, 'missing.toml') },
    ]);
  });

  it('treats a missing optional file as absent', () => {
    const source = readConfigSource(join(directory, 'missing.json'), { required: false });
    expect(source.data).toBeUndefined();
    expect(source.issues).toEqual([]);
  });

  it('reads a file from disk', () => {
    const file = join(directory, 'present.toml');
    writeFileSync(file, '[llm]\ncost_tracking = false\n');
    expect(readConfigSource(file, { required: true }).data).toEqual({
      llm: { cost_tracking: false },
    });
  });
});
