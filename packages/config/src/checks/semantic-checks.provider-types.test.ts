import { describe, expect, it } from 'vitest';
import { contextFor } from './__tests__/check-context';
import { checkProviderTypes } from './semantic-checks';

describe('checkProviderTypes', () => {
  it('accepts the built-in types', () => {
    const providers = {
      a: { type: 'openai' },
      b: { type: 'azure' },
      c: { type: 'claude' },
      d: { type: 'anthropic' },
      e: { type: 'generic' },
    };
    expect(checkProviderTypes(contextFor({ providers }))).toEqual([]);
  });

  it('reports an unknown type with the closest known one', () => {
    const [draft] = checkProviderTypes(contextFor({ providers: { main: { type: 'opneai' } } }));
    expect(draft).toMatchObject({
      path: ['llm', 'providers', 'main', 'type'],
      suggestion: 'openai',
    });
    expect(draft?.message).toBe(
      'unknown provider type "opneai" (known: anthropic, azure, claude, generic, openai)',
    );
  });

  it('accepts types registered by third parties', () => {
    expect(
      checkProviderTypes(contextFor({ providers: { bedrock: { type: 'bedrock' } } }, ['bedrock'])),
    ).toEqual([]);
  });
});
