import { describe, expect, it } from 'vitest';
import { MergedTree } from './merged-tree';

const filePositions = new Map([
  ['llm.providers.openai', { line: 4, column: 1 }],
  ['llm.providers.openai.timeout', { line: 6, column: 1 }],
]);

describe('MergedTree', () => {
  it('merges tables key by key with later layers winning', () => {
    const tree = new MergedTree()
      .merge({
        kind: 'file',
        data: { llm: { providers: { openai: { type: 'openai', timeout: 1 } } } },
      })
      .merge({ kind: 'environment', data: { llm: { providers: { openai: { timeout: 2 } } } } });
    expect(tree.data).toEqual({ llm: { providers: { openai: { type: 'openai', timeout: 2 } } } });
  });

  it('replaces arrays instead of merging them', () => {
    const tree = new MergedTree()
      .merge({
        kind: 'file',
        data: { llm: { retry: { retryable_errors: ['network', 'timeout'] } } },
      })
      .merge({ kind: 'code', data: { llm: { retry: { retryable_errors: ['rate_limit'] } } } });
    expect(tree.data).toEqual({ llm: { retry: { retryable_errors: ['rate_limit'] } } });
  });

  it('removes a key when a later layer sets it to null', () => {
    const tree = new MergedTree()
      .merge({
        kind: 'file',
        data: { llm: { providers: { openai: { type: 'openai' }, claude: { type: 'claude' } } } },
      })
      .merge({ kind: 'overrides', data: { llm: { providers: { claude: null } } } });
    expect(tree.data).toEqual({ llm: { providers: { openai: { type: 'openai' } } } });
    expect(tree.origins.has('llm.providers.claude')).toBe(false);
  });

  it('remembers the file position or the variable behind each value', () => {
    const tree = new MergedTree()
      .merge({
        kind: 'file',
        file: 'llm.toml',
        positions: filePositions,
        data: { llm: { providers: { openai: { timeout: 1 } } } },
      })
      .merge({
        kind: 'environment',
        variables: new Map([['llm.providers.openai.timeout', 'LLM_PROVIDERS__OPENAI__TIMEOUT']]),
        data: { llm: { providers: { openai: { timeout: 2 } } } },
      });
    expect(tree.origins.get('llm.providers.openai')).toEqual({
      kind: 'file',
      file: 'llm.toml',
      position: { line: 4, column: 1 },
    });
    expect(tree.origins.get('llm.providers.openai.timeout')).toEqual({
      kind: 'environment',
      variable: 'LLM_PROVIDERS__OPENAI__TIMEOUT',
    });
  });

  it('does not share objects with its layers', () => {
    const layer = { llm: { providers: { openai: { headers: { A: '1' } } } } };
    const tree = new MergedTree().merge({ kind: 'code', data: layer });
    (
      tree.data.llm as { providers: { openai: { headers: Record<string, string> } } }
    ).providers.openai.headers.A = 'changed';
    expect(layer.llm.providers.openai.headers.A).toBe('1');
  });
});
