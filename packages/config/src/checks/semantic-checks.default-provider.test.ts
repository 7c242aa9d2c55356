import { describe, expect, it } from 'vitest';
import { checkDefaultProvider } from './semantic-checks';
import { contextFor } from './__tests__/check-context';

describe('checkDefaultProvider', () => {
  it('accepts a configured provider', () => {
    expect(
      checkDefaultProvider(contextFor({ default_provider: 'openai', providers: { openai: {} } })),
    ).toEqual([]);
  });

  it('reports an unknown provider with the configured names and the closest one', () => {
    expect(
      checkDefaultProvider(
        contextFor({ default_provider: 'opnai', providers: { openai: {}, claude: {} } }),
      ),
    ).toEqual([
      {
        path: ['llm', 'default_provider'],
        message: '"opnai" is not a configured provider (configured: openai, claude)',
        suggestion: 'openai',
      },
    ]);
  });

  it('says when no provider is configured at all', () => {
    expect(checkDefaultProvider(contextFor({ default_provider: 'openai' }))[0]?.message).toBe(
      '"openai" is not a configured provider (no providers are configured)',
    );
  });

  it('reports a default provider that is disabled', () => {
    expect(
      checkDefaultProvider(
        contextFor({ default_provider: 'openai', providers: { openai: { enabled: false } } }),
      )[0]?.message,
    ).toBe('provider "openai" is disabled (enabled = false)');
  });
});
