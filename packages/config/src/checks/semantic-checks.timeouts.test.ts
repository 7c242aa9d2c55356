import { describe, expect, it } from 'vitest';
import { contextFor } from './__tests__/check-context';
import { checkTimeouts } from './semantic-checks';

describe('checkTimeouts', () => {
  it('reports zero timeouts globally and per provider', () => {
    const drafts = checkTimeouts(
      contextFor({
        timeouts: { request: 0, total: 5 },
        providers: { openai: { timeouts: { first_chunk: 0 } } },
      }),
    );
    expect(drafts.map((draft) => draft.path.join('.'))).toEqual([
      'llm.timeouts.request',
      'llm.providers.openai.timeouts.first_chunk',
    ]);
    expect(drafts[0]?.message).toBe(
      'must be greater than 0 (a zero timeout would fail every call)',
    );
  });

  it('accepts positive timeouts', () => {
    expect(checkTimeouts(contextFor({ timeouts: { request: 1000 } }))).toEqual([]);
  });
});
