import { describe, expect, it } from 'vitest';
import { sortIssues } from './build-config';

describe('sortIssues', () => {
  it('orders file issues by line and column and puts other sources after them', () => {
    const sorted = sortIssues([
      { path: 'c', message: 'env', source: 'environment variable X' },
      { path: 'b', message: 'second', file: 'llm.toml', line: 9, column: 1 },
      { path: 'a', message: 'first', file: 'llm.toml', line: 2, column: 5 },
    ]);
    expect(sorted.map((issue) => issue.message)).toEqual(['first', 'second', 'env']);
  });
});
