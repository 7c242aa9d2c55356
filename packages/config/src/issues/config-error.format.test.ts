import { describe, expect, it } from 'vitest';
import { formatConfigIssues } from './config-error';

describe('formatConfigIssues', () => {
  it('prints file, line, column, path, message and suggestion on one line', () => {
    const text = formatConfigIssues([
      {
        file: 'llm.toml',
        line: 9,
        column: 1,
        path: 'llm.providers.openai.api_kye',
        message: 'unknown key "api_kye"',
        suggestion: 'api_key',
      },
    ]);
    expect(text).toBe(
      'llm.toml:9:1  llm.providers.openai.api_kye  unknown key "api_kye" (did you mean "api_key"?)',
    );
  });

  it('prints the source instead of a file for values from the environment', () => {
    const text = formatConfigIssues([
      {
        source: 'environment variable LLM_PROVIDERS__OPENAI__TIMEOUT',
        path: 'llm.providers.openai.timeout',
        message: 'expected a number, got a string',
      },
    ]);
    expect(text).toBe(
      'environment variable LLM_PROVIDERS__OPENAI__TIMEOUT  llm.providers.openai.timeout  expected a number, got a string',
    );
  });

  it('prints file names relative to cwd when asked', () => {
    const text = formatConfigIssues(
      [{ file: '/work/project/llm.toml', line: 3, column: 7, path: '', message: 'invalid value' }],
      { cwd: '/work/project' },
    );
    expect(text).toBe('llm.toml:3:7  invalid value');
  });

  it('puts each issue on its own line', () => {
    const text = formatConfigIssues([
      { path: 'llm.a', message: 'one' },
      { path: 'llm.b', message: 'two' },
    ]);
    expect(text.split('\n')).toEqual(['llm.a  one', 'llm.b  two']);
  });
});
