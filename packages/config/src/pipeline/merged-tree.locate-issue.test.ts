import { describe, expect, it } from 'vitest';
import type { Origin } from './merged-tree';
import { locateIssue } from './merged-tree';

const origins = new Map<string, Origin>([
  ['llm', { kind: 'file', file: 'llm.toml', position: { line: 1, column: 1 } }],
  ['llm.providers.openai', { kind: 'file', file: 'llm.toml', position: { line: 4, column: 1 } }],
  [
    'llm.providers.openai.timeout',
    { kind: 'file', file: 'llm.toml', position: { line: 7, column: 1 } },
  ],
  ['llm.providers.local', { kind: 'environment', variable: 'LLM_PROVIDERS__LOCAL__TYPE' }],
  ['llm.providers.local.type', { kind: 'environment', variable: 'LLM_PROVIDERS__LOCAL__TYPE' }],
]);

describe('locateIssue', () => {
  it('points at the line and column of the key', () => {
    expect(
      locateIssue(
        { path: ['llm', 'providers', 'openai', 'timeout'], message: 'must be greater than 0' },
        origins,
      ),
    ).toEqual({
      path: 'llm.providers.openai.timeout',
      message: 'must be greater than 0',
      file: 'llm.toml',
      line: 7,
      column: 1,
    });
  });

  it('points at the enclosing table for a missing key', () => {
    expect(
      locateIssue(
        { path: ['llm', 'providers', 'openai', 'type'], message: 'is required' },
        origins,
      ),
    ).toMatchObject({ line: 4 });
  });

  it('names the environment variable for a value from the environment', () => {
    expect(
      locateIssue(
        { path: ['llm', 'providers', 'local', 'type'], message: 'unknown provider type' },
        origins,
      ),
    ).toMatchObject({
      source: 'environment variable LLM_PROVIDERS__LOCAL__TYPE',
    });
  });

  it('keeps the suggestion', () => {
    expect(
      locateIssue(
        {
          path: ['llm', 'providers', 'openai', 'timout'],
          message: 'unknown key',
          suggestion: 'timeout',
        },
        origins,
      ),
    ).toMatchObject({
      suggestion: 'timeout',
      line: 4,
    });
  });
});
