import { describe, expect, it } from 'vitest';
import { contextFor } from './__tests__/check-context';
import { checkRetryDelays } from './semantic-checks';

describe('checkRetryDelays', () => {
  it('reports a max_delay below base_delay', () => {
    expect(checkRetryDelays(contextFor({ retry: { base_delay: 1000, max_delay: 500 } }))).toEqual([
      { path: ['llm', 'retry', 'max_delay'], message: 'must be at least base_delay (1000 ms)' },
    ]);
  });

  it('checks provider retry settings too', () => {
    expect(
      checkRetryDelays(
        contextFor({ providers: { openai: { retry: { base_delay: 10, max_delay: 1 } } } }),
      )[0]?.path,
    ).toEqual(['llm', 'providers', 'openai', 'retry', 'max_delay']);
  });

  it('accepts equal delays', () => {
    expect(checkRetryDelays(contextFor({ retry: { base_delay: 1000, max_delay: 1000 } }))).toEqual(
      [],
    );
  });
});
