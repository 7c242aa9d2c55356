import { describe, expect, it } from 'vitest';
import { contextFor } from './__tests__/check-context';
import { checkUrlSchemes } from './semantic-checks';

const provider = (fields: Record<string, unknown>) =>
  contextFor({ providers: { local: { type: 'generic', ...fields } } });

describe('checkUrlSchemes', () => {
  it('rejects an ftp:// base URL', () => {
    expect(checkUrlSchemes(provider({ base_url: 'ftp://models.example.com/v1' }))).toEqual([
      {
        path: ['llm', 'providers', 'local', 'base_url'],
        message: 'must be an http:// or https:// URL, not ftp://',
      },
    ]);
  });

  it('rejects a base URL without a scheme, which URL parsing reads as the scheme "localhost:"', () => {
    expect(checkUrlSchemes(provider({ base_url: 'localhost:8080/v1' }))).toEqual([
      {
        path: ['llm', 'providers', 'local', 'base_url'],
        message:
          'must start with http:// or https:// (without one, "localhost:" reads as the scheme)',
      },
    ]);
  });

  it('checks the Azure endpoint too', () => {
    expect(
      checkUrlSchemes(provider({ type: 'azure', endpoint: 'file:///etc/passwd' }))[0]?.path,
    ).toEqual(['llm', 'providers', 'local', 'endpoint']);
  });

  it('accepts http and https URLs, and leaves text that is no URL to the schema', () => {
    expect(checkUrlSchemes(provider({ base_url: 'http://127.0.0.1:11434/v1' }))).toEqual([]);
    expect(checkUrlSchemes(provider({ base_url: 'HTTPS://api.example.com/v1' }))).toEqual([]);
    expect(checkUrlSchemes(provider({ base_url: 'api.openai.com/v1' }))).toEqual([]);
    expect(checkUrlSchemes(provider({ base_url: 42 }))).toEqual([]);
  });

  it('never echoes the URL, which may hold a password', () => {
    const [draft] = checkUrlSchemes(provider({ base_url: 'ftp://user:hunter2@example.com/' }));
    expect(draft?.message).not.toContain('hunter2');
  });
});
